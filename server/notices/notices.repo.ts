import type { Queryable } from '../db/db.types.ts';

export interface NoticeRow {
  id: number;
  pole_id: number;
  pole_code: string;
  starts_at: Date;
  ends_at: Date;
  status: string;
  created_by: string;
}

const SELECT = `SELECT n.id, n.pole_id, p.code AS pole_code, n.starts_at, n.ends_at, n.status, n.created_by
  FROM ownership_notices n JOIN poles p ON p.id = n.pole_id`;

/**
 * Puts every eligible pole among the candidates under notice in one statement: no owner,
 * status unknown, not removed, no active notice already. Returns the notices made.
 */
export async function createFor(q: Queryable, candidateIds: number[] | null, areaGeoJson: string | null, days: number, now: Date, by: string): Promise<NoticeRow[]> {
  const res = await q.query<{ id: number }>(
    `INSERT INTO ownership_notices (pole_id, starts_at, ends_at, created_by)
     SELECT p.id, $4::timestamptz, $4::timestamptz + make_interval(days => $3), $5
     FROM poles p
     WHERE ($1::int[] IS NULL OR p.id = ANY($1::int[]))
       AND ($2::text IS NULL OR ST_Intersects(p.geom, ST_SetSRID(ST_GeomFromGeoJSON($2), 4326)))
       AND p.owner_org_id IS NULL AND p.ownership_status = 'unknown' AND p.status <> 'removed'
       AND NOT EXISTS (SELECT 1 FROM ownership_notices n WHERE n.pole_id = p.id AND n.status = 'active')
     ORDER BY p.id
     RETURNING id`,
    [candidateIds, areaGeoJson, days, now, by],
  );
  if (res.rows.length === 0) return [];
  return (await q.query<NoticeRow>(`${SELECT} WHERE n.id = ANY($1::int[]) ORDER BY n.id`, [res.rows.map((r) => r.id)])).rows;
}

export async function list(q: Queryable, status: string | null, limit: number): Promise<NoticeRow[]> {
  return (await q.query<NoticeRow>(`${SELECT} WHERE ($1::text IS NULL OR n.status = $1) ORDER BY n.ends_at, n.id LIMIT $2`, [status, limit])).rows;
}

export async function activeFor(q: Queryable, poleId: number): Promise<Pick<NoticeRow, 'id' | 'ends_at' | 'status'> | null> {
  return (await q.query<NoticeRow>("SELECT id, ends_at, status FROM ownership_notices WHERE pole_id = $1 AND status IN ('active', 'lapsed') ORDER BY id DESC LIMIT 1", [poleId])).rows[0] ?? null;
}

/**
 * The scheduled step, all in SQL and safe to repeat: notices whose period has ended close as
 * lapsed, their poles become presumed abandoned (the ownership trigger vets it), and each
 * pole gets a history row. A second run finds nothing due and changes nothing.
 */
export async function lapseDue(q: Queryable, now: Date, actor: string): Promise<{ pole_id: number; notice_id: number; version: number }[]> {
  const res = await q.query<{ pole_id: number; notice_id: number; version: number }>(
    `WITH due AS (
       UPDATE ownership_notices n SET status = 'lapsed', closed_at = $1, close_reason = 'period ended without a claim'
       WHERE n.status = 'active' AND n.ends_at <= $1
       RETURNING n.id, n.pole_id
     ), changed AS (
       UPDATE poles p SET ownership_status = 'presumed_abandoned', version = p.version + 1, updated_at = now()
       FROM due WHERE p.id = due.pole_id AND p.owner_org_id IS NULL AND p.ownership_status = 'unknown'
       RETURNING p.id AS pole_id, due.id AS notice_id, p.version
     ), history AS (
       INSERT INTO pole_history (pole_id, version, action, changes, actor)
       SELECT pole_id, version, 'notice_lapsed',
              jsonb_build_object('notice_id', notice_id, 'ownership_status', jsonb_build_array('unknown', 'presumed_abandoned')), $2
       FROM changed
     )
     SELECT pole_id, notice_id, version FROM changed ORDER BY pole_id`,
    [now, actor],
  );
  return res.rows;
}
