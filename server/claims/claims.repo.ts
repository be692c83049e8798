import type { Queryable } from '../db/db.types.ts';

export interface ClaimRow {
  id: number;
  pole_id: number;
  pole_code: string;
  lng: number;
  lat: number;
  org_id: number;
  org_code: string;
  kind: 'claim' | 'disclaim';
  status: 'open' | 'accepted' | 'rejected' | 'withdrawn';
  evidence_text: string;
  photos: { id: number; url: string; mime: string; bytes: number }[];
  created_at: Date;
  created_by: string;
  decided_at: Date | null;
  decided_by: string | null;
  decision_reason: string | null;
  pole_ownership_status: string;
}

const SELECT = `SELECT c.id, c.pole_id, p.code AS pole_code, ST_X(p.geom) AS lng, ST_Y(p.geom) AS lat,
    c.org_id, o.code AS org_code, c.kind, c.status, c.evidence_text,
    coalesce((SELECT json_agg(json_build_object('id', ph.id, 'url', '/api/claims/' || c.id || '/photos/' || ph.id,
       'mime', ph.mime, 'bytes', ph.bytes) ORDER BY ph.id) FROM claim_photos ph WHERE ph.claim_id = c.id), '[]'::json) AS photos,
    c.created_at, c.created_by, c.decided_at, c.decided_by, c.decision_reason, p.ownership_status AS pole_ownership_status
  FROM claims c JOIN poles p ON p.id = c.pole_id JOIN organisations o ON o.id = c.org_id`;

export interface ClaimFilter {
  status: string | null;
  poleId: number | null;
  /** A carrier sees its own firm's claims only. */
  orgId: number | null;
  limit: number;
}

export async function list(q: Queryable, f: ClaimFilter): Promise<ClaimRow[]> {
  const res = await q.query<ClaimRow>(
    `${SELECT} WHERE ($1::text IS NULL OR c.status = $1) AND ($2::int IS NULL OR c.pole_id = $2) AND ($3::int IS NULL OR c.org_id = $3)
     ORDER BY c.id DESC LIMIT $4`,
    [f.status, f.poleId, f.orgId, f.limit],
  );
  return res.rows;
}

export async function byId(q: Queryable, id: number, forUpdate = false): Promise<ClaimRow | undefined> {
  return (await q.query<ClaimRow>(`${SELECT} WHERE c.id = $1${forUpdate ? ' FOR UPDATE OF c' : ''}`, [id])).rows[0];
}

export async function insert(q: Queryable, c: { poleId: number; orgId: number; kind: string; evidence: string; createdBy: string }): Promise<number> {
  const res = await q.query<{ id: number }>(
    'INSERT INTO claims (pole_id, org_id, kind, evidence_text, created_by) VALUES ($1, $2, $3, $4, $5) RETURNING id',
    [c.poleId, c.orgId, c.kind, c.evidence, c.createdBy],
  );
  return res.rows[0]!.id;
}

/** Closes open claims; returns the ones it closed so each can be recorded. */
export async function close(q: Queryable, ids: number[], status: 'accepted' | 'rejected' | 'withdrawn', by: string, reason: string | null): Promise<number[]> {
  const res = await q.query<{ id: number }>(
    `UPDATE claims SET status = $2, decided_by = $3, decision_reason = $4,
            decided_at = CASE WHEN $2 IN ('accepted', 'rejected') THEN now() END
     WHERE id = ANY($1::int[]) AND status = 'open' RETURNING id`,
    [ids, status, by, reason],
  );
  return res.rows.map((r) => r.id);
}

export async function openClaims(q: Queryable, poleId: number): Promise<{ id: number; org_id: number; kind: string }[]> {
  return (await q.query<{ id: number; org_id: number; kind: string }>("SELECT id, org_id, kind FROM claims WHERE pole_id = $1 AND status = 'open' ORDER BY id", [poleId])).rows;
}

export async function noticeLapsed(q: Queryable, poleId: number): Promise<boolean> {
  return (await q.query("SELECT 1 FROM ownership_notices WHERE pole_id = $1 AND status = 'lapsed' LIMIT 1", [poleId])).rows.length > 0;
}

/** A claim ends the silence a notice waits for. */
export async function cancelActiveNotice(q: Queryable, poleId: number, reason: string): Promise<number | null> {
  const res = await q.query<{ id: number }>(
    "UPDATE ownership_notices SET status = 'cancelled', closed_at = now(), close_reason = $2 WHERE pole_id = $1 AND status = 'active' RETURNING id",
    [poleId, reason],
  );
  return res.rows[0]?.id ?? null;
}


/** Orphan poles inside a drawn area that a firm could claim (no owner, no open claim of its own), and how many. */
export async function claimableInArea(q: Queryable, areaGeoJson: string, orgId: number): Promise<{ ids: number[]; found: number }> {
  const res = await q.query<{ id: number; found: number }>(
    `SELECT p.id, (count(*) OVER ())::int AS found FROM poles p
     WHERE p.geom && ST_GeomFromGeoJSON($1) AND ST_Intersects(p.geom, ST_SetSRID(ST_GeomFromGeoJSON($1), 4326))
       AND p.owner_org_id IS NULL AND p.status <> 'removed'
       AND NOT EXISTS (SELECT 1 FROM claims c WHERE c.pole_id = p.id AND c.org_id = $2 AND c.status = 'open')
     ORDER BY p.id`,
    [areaGeoJson, orgId],
  );
  return { ids: res.rows.map((r) => r.id), found: res.rows[0]?.found ?? 0 };
}
