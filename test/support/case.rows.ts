import type { Db } from '../../server/db/db.types.ts';

let serial = 0;

/**
 * A case written straight into the tables, in whatever state a test needs: inserting (not
 * updating) the state passes no transition, so no procedure has to be walked to get there.
 */
export async function insertCase(db: Db, c: { state: string; org?: string | null; poleIds: number[]; createdAt?: string }): Promise<number> {
  const final = c.state === 'closed' || c.state === 'withdrawn';
  const res = await db.query<{ id: number }>(
    `WITH k AS (
       INSERT INTO cases (number, category, state, outcome, description, location, responsible_org_id, created_by, created_at, closed_at)
       SELECT $1, 'abandoned_not_removed', $2, CASE $2 WHEN 'closed' THEN 'corrected' WHEN 'withdrawn' THEN 'withdrawn' END, '测试案件',
              (SELECT ST_Centroid(ST_Collect(geom)) FROM poles WHERE id = ANY($3::int[])),
              (SELECT id FROM organisations WHERE code = $4), 'test', coalesce($5::timestamptz, now()), CASE WHEN $6 THEN now() END
       RETURNING id),
     p AS (INSERT INTO case_poles (case_id, pole_id) SELECT k.id, u.pole_id FROM k, unnest($3::int[]) AS u (pole_id))
     SELECT id FROM k`,
    [`TEST-${process.pid}-${Date.now().toString(36)}-${serial++}`, c.state, c.poleIds, c.org ?? null, c.createdAt ?? null, final],
  );
  return res.rows[0]!.id;
}
