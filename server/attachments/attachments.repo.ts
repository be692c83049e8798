import type { Queryable } from '../db/db.types.ts';

export interface AttachmentRow {
  id: number;
  pole_id: number;
  org_id: number;
  org_code: string;
  kind: string;
  cable_count: number;
  status: string;
  source: string;
  updated_at: Date;
}

const SELECT = `SELECT a.id, a.pole_id, a.org_id, o.code AS org_code, a.kind, a.cable_count, a.status, a.source, a.updated_at
  FROM attachments a JOIN organisations o ON o.id = a.org_id`;

export async function forPole(q: Queryable, poleId: number): Promise<AttachmentRow[]> {
  return (await q.query<AttachmentRow>(`${SELECT} WHERE a.pole_id = $1 ORDER BY o.id, a.kind`, [poleId])).rows;
}

export async function find(q: Queryable, poleId: number, orgId: number, kind: string): Promise<AttachmentRow | undefined> {
  return (await q.query<AttachmentRow>(`${SELECT} WHERE a.pole_id = $1 AND a.org_id = $2 AND a.kind = $3 FOR UPDATE OF a`, [poleId, orgId, kind])).rows[0];
}

/** Declared or observed: the latest word replaces the earlier one for that firm and kind. */
export async function upsert(q: Queryable, a: { poleId: number; orgId: number; kind: string; count: number; status: string; source: string }): Promise<number> {
  const res = await q.query<{ id: number }>(
    `INSERT INTO attachments (pole_id, org_id, kind, cable_count, status, source) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (pole_id, org_id, kind) DO UPDATE SET cable_count = EXCLUDED.cable_count, status = EXCLUDED.status,
       source = EXCLUDED.source, updated_at = now()
     RETURNING id`,
    [a.poleId, a.orgId, a.kind, a.count, a.status, a.source],
  );
  return res.rows[0]!.id;
}

export async function byId(q: Queryable, id: number): Promise<AttachmentRow | undefined> {
  return (await q.query<AttachmentRow>(`${SELECT} WHERE a.id = $1`, [id])).rows[0];
}
