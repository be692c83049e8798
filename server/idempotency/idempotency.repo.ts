import type { Queryable } from '../db/db.types.ts';

/** Whose key, on which route: a key means something only within this scope. */
export interface KeyScope {
  principal: string;
  method: string;
  route: string;
  key: string;
}

export interface StoredResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

export interface KeyRow {
  id: number;
  fingerprint: string;
  /** The answer, once the original request has stored it. */
  response: StoredResponse | null;
  /** Seconds since the row was written: a young row without an answer is still being answered. */
  age_s: number;
}

interface RawRow {
  id: number;
  fingerprint: string;
  response_status: number | null;
  response_headers: Record<string, string> | null;
  response_body: Buffer | Uint8Array | null;
  age_s: number;
}

const scopeParams = (s: KeyScope) => [s.principal, s.method, s.route, s.key];

const toRow = (r: RawRow): KeyRow => ({
  id: r.id,
  fingerprint: r.fingerprint,
  age_s: r.age_s,
  response: r.response_status === null ? null : { status: r.response_status, headers: r.response_headers ?? {}, body: Buffer.from(r.response_body ?? []) },
});

/** The live (unexpired) row of a key, if any. Expired rows count as absent even before the purge. */
export async function findKey(q: Queryable, s: KeyScope, ttlHours: number): Promise<KeyRow | undefined> {
  const res = await q.query<RawRow>(
    `SELECT id, fingerprint, response_status, response_headers, response_body,
            extract(epoch FROM clock_timestamp() - created_at)::float8 AS age_s
     FROM idempotency_keys
     WHERE principal = $1 AND method = $2 AND route = $3 AND key = $4 AND created_at > now() - make_interval(hours => $5::int)`,
    [...scopeParams(s), ttlHours],
  );
  return res.rows[0] && toRow(res.rows[0]);
}

export type ClaimResult = { kind: 'claimed'; id: number } | { kind: 'taken' } | { kind: 'busy' };

/**
 * Inside the request's first write transaction: claims the key for this request. The
 * transaction-scoped advisory lock on the key is what another server process holding the
 * same key in its open transaction makes us fail to get (busy → 409 at once instead of
 * waiting on its uncommitted row). An expired row is taken over in place.
 */
export async function claimKey(q: Queryable, s: KeyScope, fingerprint: string, requestId: string | null, ttlHours: number): Promise<ClaimResult> {
  const res = await q.query<{ got: boolean; id: number | null }>(
    `WITH lock AS (SELECT pg_try_advisory_xact_lock(hashtextextended($1 || ' ' || $2 || ' ' || $3 || ' ' || $4, 0)) AS got),
     ins AS (
       INSERT INTO idempotency_keys (principal, method, route, key, fingerprint, request_id)
       SELECT $1, $2, $3, $4, $5, $6 FROM lock WHERE got
       ON CONFLICT (principal, method, route, key) DO UPDATE
         SET fingerprint = EXCLUDED.fingerprint, request_id = EXCLUDED.request_id, created_at = clock_timestamp(),
             response_status = NULL, response_headers = NULL, response_body = NULL, completed_at = NULL
         WHERE idempotency_keys.created_at <= now() - make_interval(hours => $7::int)
       RETURNING id)
     SELECT lock.got, ins.id FROM lock LEFT JOIN ins ON true`,
    [...scopeParams(s), fingerprint, requestId, ttlHours],
  );
  const r = res.rows[0]!;
  if (!r.got) return { kind: 'busy' };
  return r.id === null ? { kind: 'taken' } : { kind: 'claimed', id: r.id };
}

export async function keyExists(q: Queryable, id: number): Promise<boolean> {
  return (await q.query('SELECT 1 FROM idempotency_keys WHERE id = $1', [id])).rows.length > 0;
}

export async function storeResponse(q: Queryable, id: number, r: StoredResponse): Promise<void> {
  await q.query(
    `UPDATE idempotency_keys SET response_status = $2, response_headers = $3::jsonb, response_body = $4, completed_at = clock_timestamp()
     WHERE id = $1 AND response_status IS NULL`,
    [id, r.status, JSON.stringify(r.headers), r.body],
  );
}

export async function purgeExpired(q: Queryable, ttlHours: number): Promise<number> {
  return (await q.query('DELETE FROM idempotency_keys WHERE created_at <= now() - make_interval(hours => $1::int)', [ttlHours])).rowCount;
}
