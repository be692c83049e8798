import type { Queryable } from '../db/db.types.ts';
import type { Principal } from '../auth/principal.ts';

/**
 * The one seam between evidence and the case workflow: the few facts about a case that the
 * evidence rules need, and who may see the case at all. It reads `cases` directly for now;
 * when the cases module offers its own visibility function, this file is what gets swapped.
 */
export interface CaseFacts {
  id: number;
  state: string;
  responsibleOrgId: number | null;
  createdAt: Date;
  closedAt: Date | null;
}

/** Before the order is served the matter is internal to the city: the firm learns of it by the order. */
const HIDDEN_FROM_CARRIERS: readonly string[] = ['found', 'opened', 'investigating'];

/** `lock` holds the case's state steady (FOR SHARE) until the caller's transaction ends. */
export async function caseFacts(q: Queryable, id: number, lock = false): Promise<CaseFacts | undefined> {
  const res = await q.query<CaseFacts>(
    `SELECT id, state, responsible_org_id AS "responsibleOrgId", created_at AS "createdAt", closed_at AS "closedAt"
       FROM cases WHERE id = $1${lock ? ' FOR SHARE' : ''}`,
    [id],
  );
  return res.rows[0];
}

export function canSeeCase(p: Principal, c: CaseFacts): boolean {
  if (p.role === 'carrier') return p.orgId !== null && c.responsibleOrgId === p.orgId && !HIDDEN_FROM_CARRIERS.includes(c.state);
  return p.role === 'admin' || p.role === 'officer' || p.role === 'viewer';
}
