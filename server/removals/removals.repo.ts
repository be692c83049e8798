import type { Queryable } from '../db/db.types.ts';

export interface RemovalRow {
  id: number;
  pole_id: number;
  pole_code: string;
  lng: number;
  lat: number;
  district_code: string | null;
  removed_on: string;
  org_code: string;
  campaign_code: string | null;
  note: string | null;
  previous_status: string;
  status: 'recorded' | 'verified' | 'voided';
  recorded_by: string;
  recorded_at: Date;
  verified_by: string | null;
  verified_at: Date | null;
  voided_by: string | null;
  voided_at: Date | null;
  void_reason: string | null;
  photos: { id: number; url: string; mime: string; bytes: number }[];
}

const SELECT = `SELECT r.id, r.pole_id, p.code AS pole_code, ST_X(p.geom) AS lng, ST_Y(p.geom) AS lat, d.code AS district_code,
    r.removed_on, o.code AS org_code, c.code AS campaign_code, r.note, r.previous_status, r.status, r.recorded_by, r.recorded_at,
    r.verified_by, r.verified_at, r.voided_by, r.voided_at, r.void_reason,
    coalesce((SELECT json_agg(json_build_object('id', ph.id, 'url', '/api/removals/' || r.id || '/photos/' || ph.id, 'mime', ph.mime, 'bytes', ph.bytes) ORDER BY ph.id)
              FROM removal_photos ph WHERE ph.removal_id = r.id), '[]'::json) AS photos
  FROM removals r JOIN poles p ON p.id = r.pole_id JOIN organisations o ON o.id = r.org_id
  LEFT JOIN districts d ON d.id = p.district_id LEFT JOIN campaigns c ON c.id = r.campaign_id`;

export async function byId(q: Queryable, id: number, forUpdate = false): Promise<RemovalRow | undefined> {
  return (await q.query<RemovalRow>(`${SELECT} WHERE r.id = $1${forUpdate ? ' FOR UPDATE OF r' : ''}`, [id])).rows[0];
}

export async function list(q: Queryable, f: { status: string | null; from: string | null; to: string | null; poleId: number | null; beforeId: number | null; limit: number }): Promise<RemovalRow[]> {
  return (await q.query<RemovalRow>(
    `${SELECT} WHERE ($1::text IS NULL OR r.status = $1) AND ($2::date IS NULL OR r.removed_on >= $2) AND ($3::date IS NULL OR r.removed_on <= $3)
       AND ($4::int IS NULL OR r.id < $4) AND ($6::int IS NULL OR r.pole_id = $6) ORDER BY r.id DESC LIMIT $5`,
    [f.status, f.from, f.to, f.beforeId, f.limit, f.poleId],
  )).rows;
}

/** The campaign a removal on this day counts toward: the active one, once it has begun. */
export async function campaignFor(q: Queryable, day: string): Promise<number | null> {
  const res = await q.query<{ id: number }>('SELECT id FROM campaigns WHERE active AND starts_on <= $1::date AND (ends_on IS NULL OR ends_on >= $1::date)', [day]);
  return res.rows[0]?.id ?? null;
}

export async function insert(q: Queryable, r: { poleId: number; day: string; orgId: number; campaignId: number | null; note: string | null; previous: string; by: string }): Promise<number> {
  const res = await q.query<{ id: number }>(
    `INSERT INTO removals (pole_id, removed_on, org_id, campaign_id, note, previous_status, recorded_by) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [r.poleId, r.day, r.orgId, r.campaignId, r.note, r.previous, r.by],
  );
  return res.rows[0]!.id;
}

/** Marks the pole pulled as of the local day's start in Asia/Shanghai. */
export async function markPoleRemoved(q: Queryable, poleId: number, day: string, orgId: number): Promise<number> {
  const res = await q.query<{ version: number }>(
    `UPDATE poles SET status = 'removed', removed_at = ($2::date)::timestamp AT TIME ZONE 'Asia/Shanghai', removed_by_org_id = $3,
       version = version + 1, updated_at = now() WHERE id = $1 RETURNING version`,
    [poleId, day, orgId],
  );
  return res.rows[0]!.version;
}

export async function restorePole(q: Queryable, poleId: number, status: string): Promise<number> {
  const res = await q.query<{ version: number }>(
    `UPDATE poles SET status = $2, removed_at = NULL, removed_by_org_id = NULL, version = version + 1, updated_at = now() WHERE id = $1 RETURNING version`,
    [poleId, status],
  );
  return res.rows[0]!.version;
}

export async function setStatus(q: Queryable, id: number, status: 'verified' | 'voided', by: string, reason: string | null): Promise<void> {
  await q.query(
    `UPDATE removals SET status = $2,
       verified_by = CASE WHEN $2 = 'verified' THEN $3 ELSE verified_by END, verified_at = CASE WHEN $2 = 'verified' THEN now() ELSE verified_at END,
       voided_by = CASE WHEN $2 = 'voided' THEN $3 END, voided_at = CASE WHEN $2 = 'voided' THEN now() END, void_reason = $4
     WHERE id = $1`,
    [id, status, by, reason],
  );
}


/** Whether a firm answers for a pole: it owns it, or its cables are still on it. */
export async function firmAnswersFor(q: Queryable, poleId: number, orgId: number): Promise<boolean> {
  const res = await q.query(
    `SELECT 1 FROM poles p WHERE p.id = $1 AND (p.owner_org_id = $2 OR EXISTS (SELECT 1 FROM attachments a WHERE a.pole_id = p.id AND a.org_id = $2 AND a.status = 'active'))`,
    [poleId, orgId],
  );
  return res.rows.length > 0;
}
