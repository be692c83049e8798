import type { Queryable } from '../db/db.types.ts';

export interface AuditEntry {
  actorKind: 'user' | 'token' | 'anonymous' | 'system';
  actorUserId: number | null;
  actorTokenId: number | null;
  actor: string;
  orgId: number | null;
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
  clientAddr: string | null;
}

/** id, time and hashes are the chain trigger's to assign, under its lock. */
export async function insert(q: Queryable, e: AuditEntry): Promise<number> {
  return (await insertMany(q, [e]))[0]!;
}

/**
 * Many entries in one statement (bulk imports). The chain trigger still runs row by row in
 * input order, so each entry links to the one before it exactly as single inserts would.
 * before/after are taken with ->, so a missing value stays SQL NULL and a null stays JSON null.
 */
export async function insertMany(q: Queryable, entries: AuditEntry[]): Promise<number[]> {
  if (entries.length === 0) return [];
  const res = await q.query<{ id: number }>(
    `INSERT INTO audit_log (actor_kind, actor_user_id, actor_token_id, actor, org_id, action, entity_type, entity_id, before, after, request_id, client_addr)
     SELECT e."actorKind", e."actorUserId", e."actorTokenId", e.actor, e."orgId", e.action, e."entityType", e."entityId",
            j.doc->'before', j.doc->'after', e."requestId", e."clientAddr"
     FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS j(doc, n),
          jsonb_to_record(j.doc) AS e("actorKind" text, "actorUserId" int, "actorTokenId" int, actor text, "orgId" int, action text,
            "entityType" text, "entityId" text, "requestId" text, "clientAddr" text)
     ORDER BY j.n
     RETURNING id`,
    [JSON.stringify(entries)],
  );
  return res.rows.map((r) => r.id);
}

export interface AuditFilter {
  entityType: string | null;
  entityId: string | null;
  actor: string | null;
  action: string | null;
  from: Date | null;
  to: Date | null;
  beforeId: number | null;
  limit: number;
}

export interface AuditRow {
  id: number;
  at: Date;
  actor: string;
  actor_kind: string;
  org_code: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  before: unknown;
  after: unknown;
  request_id: string | null;
  client_addr: string | null;
}

/** Newest first; `beforeId` pages backwards through the chain. */
export async function list(q: Queryable, f: AuditFilter): Promise<AuditRow[]> {
  const res = await q.query<AuditRow>(
    `SELECT a.id, a.at, a.actor, a.actor_kind, o.code AS org_code, a.action, a.entity_type, a.entity_id,
            a.before, a.after, a.request_id, a.client_addr
     FROM audit_log a LEFT JOIN organisations o ON o.id = a.org_id
     WHERE ($1::text IS NULL OR a.entity_type = $1)
       AND ($2::text IS NULL OR a.entity_id = $2)
       AND ($3::text IS NULL OR a.actor ILIKE '%' || $3 || '%')
       AND ($4::text IS NULL OR a.action = $4)
       AND ($5::timestamptz IS NULL OR a.at >= $5)
       AND ($6::timestamptz IS NULL OR a.at < $6)
       AND ($7::bigint IS NULL OR a.id < $7)
     ORDER BY a.id DESC LIMIT $8`,
    [f.entityType, f.entityId, f.actor, f.action, f.from, f.to, f.beforeId, f.limit],
  );
  return res.rows;
}

export interface ChainCheck {
  count: number;
  firstBrokenId: number | null;
  reason: string | null;
}

/**
 * Recomputes every hash and link in one pass in SQL. The first row whose content no longer
 * matches its hash, or whose link does not name its predecessor's hash, is the break.
 */
export async function verifyChain(q: Queryable): Promise<ChainCheck> {
  const res = await q.query<{ count: number; id: number | null; reason: string | null }>(
    `WITH c AS (
       SELECT a.id, a.hash, a.prev_hash,
              coalesce(lag(a.hash) OVER (ORDER BY a.id), repeat('0', 64)) AS expected_prev,
              audit_hash(a.prev_hash, audit_payload(a)) AS recomputed
       FROM audit_log a
     ), bad AS (
       SELECT id, CASE WHEN hash <> recomputed THEN 'content does not match its hash'
                       ELSE 'link to the previous row is broken (a row was removed, inserted or re-hashed)' END AS reason
       FROM c WHERE hash <> recomputed OR prev_hash <> expected_prev ORDER BY id LIMIT 1
     )
     SELECT (SELECT count(*)::int FROM c) AS count, (SELECT id FROM bad) AS id, (SELECT reason FROM bad) AS reason`,
  );
  const r = res.rows[0]!;
  return { count: r.count, firstBrokenId: r.id, reason: r.reason };
}
