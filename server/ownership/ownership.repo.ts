import type { Queryable } from '../db/db.types.ts';
import type { Org } from './ownership.rules.ts';

export interface PoleOwnershipFacts {
  ownership_status: string;
  owner: Org | null;
  active_firms: Org[];
}

/** The owner and the firms with active cables on a pole, in one round trip. */
export async function facts(q: Queryable, poleId: number): Promise<PoleOwnershipFacts | undefined> {
  const res = await q.query<PoleOwnershipFacts>(
    `SELECT p.ownership_status,
            CASE WHEN o.id IS NULL THEN NULL ELSE json_build_object('id', o.id, 'code', o.code, 'name_zh', o.name_zh, 'name_en', o.name_en) END AS owner,
            coalesce((SELECT json_agg(json_build_object('id', f.id, 'code', f.code, 'name_zh', f.name_zh, 'name_en', f.name_en) ORDER BY f.id)
                      FROM organisations f WHERE f.id IN (SELECT a.org_id FROM attachments a WHERE a.pole_id = p.id AND a.status = 'active')), '[]'::json) AS active_firms
     FROM poles p LEFT JOIN organisations o ON o.id = p.owner_org_id WHERE p.id = $1`,
    [poleId],
  );
  return res.rows[0];
}
