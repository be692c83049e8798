import type { Queryable } from '../db/db.types.ts';
import type { Role } from './principal.ts';

export interface UserRow {
  id: number;
  username: string;
  display_name: string;
  role: Role;
  org_id: number | null;
  org_code: string | null;
  org_name_zh: string | null;
  org_name_en: string | null;
  district_id: number | null;
  is_org_admin: boolean;
  password_hash: string;
  disabled: boolean;
}

const USER_COLUMNS = `u.id, u.username, u.display_name, u.role, u.org_id, o.code AS org_code, o.name_zh AS org_name_zh,
  o.name_en AS org_name_en, u.district_id, u.is_org_admin, u.password_hash, u.disabled`;
const USER_SELECT = `SELECT ${USER_COLUMNS} FROM users u LEFT JOIN organisations o ON o.id = u.org_id`;

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
     SELECT ${USER_COLUMNS}, s.id AS session_id, s.csrf_token
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

export async function markLogin(q: Queryable, userId: number): Promise<void> {
  await q.query('UPDATE users SET last_login_at = now() WHERE id = $1', [userId]);
}

export async function recordLoginFailure(q: Queryable, username: string, clientAddr: string | null): Promise<void> {
  await q.query('INSERT INTO login_failures (username, client_addr) VALUES ($1, $2)', [username, clientAddr]);
}

/** Failures for this username inside the window, and when the oldest of them ages out. */
export async function recentFailures(q: Queryable, username: string, windowMinutes: number): Promise<{ n: number; retry_after_s: number }> {
  const res = await q.query<{ n: number; retry_after_s: number }>(
    `SELECT count(*)::int AS n,
            coalesce(ceil(extract(epoch FROM min(at) + make_interval(mins => $2) - now())), 0)::int AS retry_after_s
     FROM login_failures WHERE username = $1 AND at > now() - make_interval(mins => $2)`,
    [username, windowMinutes],
  );
  return res.rows[0]!;
}

export async function clearFailures(q: Queryable, username: string): Promise<void> {
  await q.query('DELETE FROM login_failures WHERE username = $1', [username]);
}

export interface TokenPrincipalRow {
  id: number;
  name: string;
  secret_hash: string;
  role: 'carrier' | 'viewer';
  org_id: number;
  org_code: string;
}

/** A live token by id; the caller compares the secret's hash in constant time. */
export async function liveToken(q: Queryable, id: number): Promise<TokenPrincipalRow | undefined> {
  const res = await q.query<TokenPrincipalRow>(
    `SELECT t.id, t.name, t.secret_hash, t.role, t.org_id, o.code AS org_code
     FROM api_tokens t JOIN organisations o ON o.id = t.org_id
     WHERE t.id = $1 AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > now())`,
    [id],
  );
  return res.rows[0];
}

/** At most one write a minute per token: recording use must not turn every read into a write. */
export async function touchToken(q: Queryable, id: number): Promise<void> {
  await q.query(`UPDATE api_tokens SET last_used_at = now() WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')`, [id]);
}
