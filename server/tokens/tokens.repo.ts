import type { Queryable } from '../db/db.types.ts';

export interface TokenRow {
  id: number;
  name: string;
  org_id: number;
  org_code: string;
  role: string;
  /** The public start of the token, enough to recognise it in a list. */
  prefix: string;
  created_at: Date;
  created_by: string;
  expires_at: Date | null;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

const SELECT = `SELECT t.id, t.name, t.org_id, o.code AS org_code, t.role, 'pwt_' || t.id || '_…' AS prefix, t.created_at, u.username AS created_by,
    t.expires_at, t.last_used_at, t.revoked_at
  FROM api_tokens t JOIN organisations o ON o.id = t.org_id JOIN users u ON u.id = t.created_by`;

/** All tokens, or one firm's when orgId is given. */
export async function list(q: Queryable, orgId: number | null): Promise<TokenRow[]> {
  return (await q.query<TokenRow>(`${SELECT} WHERE ($1::int IS NULL OR t.org_id = $1) ORDER BY t.id DESC`, [orgId])).rows;
}

export async function byId(q: Queryable, id: number, forUpdate = false): Promise<TokenRow | undefined> {
  return (await q.query<TokenRow>(`${SELECT} WHERE t.id = $1${forUpdate ? ' FOR UPDATE OF t' : ''}`, [id])).rows[0];
}

export async function insert(
  q: Queryable,
  t: { name: string; secretHash: string; orgId: number; role: string; createdBy: number; expiresInDays: number | null },
): Promise<number> {
  const res = await q.query<{ id: number }>(
    `INSERT INTO api_tokens (name, secret_hash, org_id, role, created_by, expires_at)
     VALUES ($1, $2, $3, $4, $5, CASE WHEN $6::int IS NULL THEN NULL ELSE now() + make_interval(days => $6::int) END) RETURNING id`,
    [t.name, t.secretHash, t.orgId, t.role, t.createdBy, t.expiresInDays],
  );
  return res.rows[0]!.id;
}

export async function revoke(q: Queryable, id: number): Promise<void> {
  await q.query('UPDATE api_tokens SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL', [id]);
}
