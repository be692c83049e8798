import type { Queryable } from '../db/db.types.ts';
import { setClause } from '../db/sql.set.ts';

export interface UserListRow {
  id: number;
  username: string;
  display_name: string;
  role: string;
  org_code: string | null;
  district_code: string | null;
  disabled: boolean;
  is_org_admin: boolean;
  created_at: Date;
  last_login_at: Date | null;
}

const SELECT = `SELECT u.id, u.username, u.display_name, u.role, o.code AS org_code, d.code AS district_code,
    u.disabled, u.is_org_admin, u.created_at, u.last_login_at
  FROM users u LEFT JOIN organisations o ON o.id = u.org_id LEFT JOIN districts d ON d.id = u.district_id`;

export async function list(q: Queryable): Promise<UserListRow[]> {
  return (await q.query<UserListRow>(`${SELECT} ORDER BY u.role, u.username`)).rows;
}

export async function byId(q: Queryable, id: number, forUpdate = false): Promise<UserListRow | undefined> {
  return (await q.query<UserListRow>(`${SELECT} WHERE u.id = $1${forUpdate ? ' FOR UPDATE OF u' : ''}`, [id])).rows[0];
}

export async function orgByCode(q: Queryable, code: string): Promise<{ id: number; kind: string } | undefined> {
  return (await q.query<{ id: number; kind: string }>('SELECT id, kind FROM organisations WHERE code = $1', [code])).rows[0];
}

export async function districtIdByCode(q: Queryable, code: string): Promise<number | undefined> {
  return (await q.query<{ id: number }>('SELECT id FROM districts WHERE code = $1', [code])).rows[0]?.id;
}

export interface UserWrite {
  username: string;
  display_name: string;
  role: string;
  org_id: number | null;
  district_id: number | null;
  password_hash: string;
  is_org_admin: boolean;
}

export async function insert(q: Queryable, u: UserWrite): Promise<number> {
  const res = await q.query<{ id: number }>(
    `INSERT INTO users (username, display_name, role, org_id, district_id, password_hash, is_org_admin)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [u.username, u.display_name, u.role, u.org_id, u.district_id, u.password_hash, u.is_org_admin],
  );
  return res.rows[0]!.id;
}

export type UserChanges = Partial<Omit<UserWrite, 'username'>> & { disabled?: boolean };

export async function update(q: Queryable, id: number, c: UserChanges): Promise<void> {
  const params: unknown[] = [id];
  const sets = setClause(c, ['display_name', 'role', 'org_id', 'district_id', 'password_hash', 'is_org_admin', 'disabled'], params);
  if (sets.length) await q.query(`UPDATE users SET ${sets.join(', ')}, updated_at = now() WHERE id = $1`, params);
}

export async function revokeSessions(q: Queryable, userId: number): Promise<number> {
  return (await q.query('UPDATE sessions SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL', [userId])).rowCount;
}
