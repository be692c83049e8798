import type { Queryable } from '../db/db.types.ts';
import { setClause } from '../db/sql.set.ts';

export interface OrganisationRow {
  id: number;
  code: string;
  name_zh: string;
  legal_name_zh: string | null;
  name_en: string;
  kind: string;
  colour: string | null;
  district_code: string | null;
}

const SELECT = `SELECT o.id, o.code, o.name_zh, o.legal_name_zh, o.name_en, o.kind, o.colour, d.code AS district_code
  FROM organisations o LEFT JOIN districts d ON d.id = o.district_id`;

export async function list(q: Queryable): Promise<OrganisationRow[]> {
  return (await q.query<OrganisationRow>(`${SELECT} ORDER BY o.kind, o.id`)).rows;
}

export async function byId(q: Queryable, id: number, forUpdate = false): Promise<OrganisationRow | undefined> {
  return (await q.query<OrganisationRow>(`${SELECT} WHERE o.id = $1${forUpdate ? ' FOR UPDATE OF o' : ''}`, [id])).rows[0];
}

export interface OrganisationWrite {
  code?: string;
  name_zh?: string;
  legal_name_zh?: string | null;
  name_en?: string;
  kind?: string;
  colour?: string | null;
  district_id?: number | null;
}

export async function insert(q: Queryable, o: Required<OrganisationWrite>): Promise<number> {
  const res = await q.query<{ id: number }>(
    'INSERT INTO organisations (code, name_zh, legal_name_zh, name_en, kind, colour, district_id) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id',
    [o.code, o.name_zh, o.legal_name_zh, o.name_en, o.kind, o.colour, o.district_id],
  );
  return res.rows[0]!.id;
}

export async function update(q: Queryable, id: number, o: OrganisationWrite): Promise<void> {
  const params: unknown[] = [id];
  const sets = setClause(o, ['name_zh', 'legal_name_zh', 'name_en', 'colour', 'district_id'], params);
  if (sets.length) await q.query(`UPDATE organisations SET ${sets.join(', ')} WHERE id = $1`, params);
}
