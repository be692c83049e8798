import type { Queryable } from '../db/db.types.ts';
import type { Role } from './principal.ts';

export interface UserRow {
  id: number;
  username: string;
  display_name: string;
  role: Role;
  org_id: number | null;
  org_code: string | null;
  district_id: number | null;
  password_hash: string;
  disabled: boolean;
}

const USER_SELECT = `SELECT u.id, u.username, u.display_name, u.role, u.org_id, o.code AS org_code, u.district_id,
  u.password_hash, u.disabled FROM users u LEFT JOIN organisations o ON o.id = u.org_id`;

export async function userByName(q: Queryable, username: string): Promise<UserRow | undefined> {
  return (await q.query<UserRow>(`${USER_SELECT} WHERE u.username = $1`, [username])).rows[0];
}

export interface SessionPrincipalRow extends UserRow {
  session_id: number;
  csrf_token: string;
}

/** A live session and its user in one round trip; expired, revoked or disabled yield nothing. */
export async function sessionByTokenHash(q: Queryable, hash: string): Promise<SessionPrincipalRow | undefined> {
  const res = await q.query<SessionPrincipalRow>(
    `WITH s AS (
       UPDATE sessions SET last_seen_at = now()
       WHERE token_hash = $1 AND revoked_at IS NULL AND expires_at > now()
       RETURNING id, user_id, csrf_token)
     SELECT u.id, u.username, u.display_name, u.role, u.org_id, o.code AS org_code, u.district_id,
            u.password_hash, u.disabled, s.id AS session_id, s.csrf_token
     FROM s JOIN users u ON u.id = s.user_id LEFT JOIN organisations o ON o.id = u.org_id
     WHERE NOT u.disabled`,
    [hash],
  );
  return res.rows[0];
}

export async function createSession(
  q: Queryable,
  s: { tokenHash: string; csrfToken: string; userId: number; ttlHours: number; clientAddr: string | null; userAgent: string | null },
): Promise<number> {
  const res = await q.query<{ id: number }>(
    `INSERT INTO sessions (token_hash, csrf_token, user_id, expires_at, client_addr, user_agent)
     VALUES ($1, $2, $3, now() + make_interval(hours => $4), $5, $6) RETURNING id`,
    [s.tokenHash, s.csrfToken, s.userId, s.ttlHours, s.clientAddr, s.userAgent],
  );
  return res.rows[0]!.id;
}

export async function revokeSession(q: Queryable, id: number): Promise<void> {
  await q.query('UPDATE sessions SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL', [id]);
}

export async function insertUser(
  q: Queryable,
  u: { username: string; displayName: string; role: Role; orgId: number | null; districtId: number | null; passwordHash: string },
): Promise<number> {
  const res = await q.query<{ id: number }>(
    `INSERT INTO users (username, display_name, role, org_id, district_id, password_hash) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [u.username, u.displayName, u.role, u.orgId, u.districtId, u.passwordHash],
  );
  return res.rows[0]!.id;
}
