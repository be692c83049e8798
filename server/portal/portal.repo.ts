import type { Queryable } from '../db/db.types.ts';

export type PortalScope = 'owned' | 'attached' | 'orphans_near';

/**
 * The pole ids a firm sees in its portal. "Near my network" means within `nearM` metres of
 * a pole carrying the firm's active cables: those orphans are the ones it most likely owns.
 */
export async function poleIds(q: Queryable, scope: PortalScope, orgId: number, nearM: number, limit: number): Promise<number[]> {
  const sql = {
    owned: `SELECT id FROM poles WHERE owner_org_id = $1 AND status <> 'removed' ORDER BY id LIMIT $2`,
    attached: `SELECT DISTINCT a.pole_id AS id FROM attachments a JOIN poles p ON p.id = a.pole_id
               WHERE a.org_id = $1 AND a.status = 'active' AND p.status <> 'removed' ORDER BY 1 LIMIT $2`,
    orphans_near: `SELECT o.id FROM poles o
               WHERE o.owner_org_id IS NULL AND o.status <> 'removed'
                 AND EXISTS (SELECT 1 FROM attachments a JOIN poles m ON m.id = a.pole_id
                             WHERE a.org_id = $1 AND a.status = 'active'
                               AND m.geom && ST_Expand(o.geom, $3 / 50000.0)
                               AND ST_DWithin(m.geom::geography, o.geom::geography, $3))
               ORDER BY o.id LIMIT $2`,
  }[scope];
  const params = scope === 'orphans_near' ? [orgId, limit, nearM] : [orgId, limit];
  return (await q.query<{ id: number }>(sql, params)).rows.map((r) => r.id);
}
