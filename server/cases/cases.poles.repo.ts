import type { Queryable } from '../db/db.types.ts';
import type { Org } from '../ownership/ownership.rules.ts';

export interface CasePole {
  id: number;
  code: string;
  lng: number;
  lat: number;
  owner_code: string | null;
  condition: string;
  status: string;
  road_name_zh: string | null;
  district_name_zh: string | null;
}

export async function polesOf(q: Queryable, caseId: number): Promise<CasePole[]> {
  return (await q.query<CasePole>(
    `SELECT p.id, p.code, ST_X(p.geom) AS lng, ST_Y(p.geom) AS lat, o.code AS owner_code, p.condition, p.status,
            r.name_zh AS road_name_zh, d.name_zh AS district_name_zh
     FROM case_poles cp JOIN poles p ON p.id = cp.pole_id
     LEFT JOIN organisations o ON o.id = p.owner_org_id LEFT JOIN roads r ON r.id = p.road_id LEFT JOIN districts d ON d.id = p.district_id
     WHERE cp.case_id = $1 ORDER BY p.code`,
    [caseId],
  )).rows;
}

export interface CandidatePole {
  id: number;
  code: string;
  status: string;
  ownership_status: string;
  owner: Org | null;
  active_firms: Org[];
  /** The number of a case not yet closed or withdrawn that already holds this pole. */
  open_case: string | null;
}

/** Everything case creation needs about the named poles, in one round trip, locked against removal meanwhile. */
export async function candidates(q: Queryable, ids: number[]): Promise<CandidatePole[]> {
  return (await q.query<CandidatePole>(
    `SELECT p.id, p.code, p.status, p.ownership_status,
            CASE WHEN o.id IS NULL THEN NULL ELSE json_build_object('id', o.id, 'code', o.code, 'name_zh', o.name_zh, 'name_en', o.name_en) END AS owner,
            coalesce((SELECT json_agg(json_build_object('id', f.id, 'code', f.code, 'name_zh', f.name_zh, 'name_en', f.name_en) ORDER BY f.id)
                      FROM organisations f WHERE f.id IN (SELECT a.org_id FROM attachments a WHERE a.pole_id = p.id AND a.status = 'active')), '[]'::json) AS active_firms,
            (SELECT c.number FROM case_poles cp JOIN cases c ON c.id = cp.case_id
             WHERE cp.pole_id = p.id AND c.state NOT IN ('closed', 'withdrawn') ORDER BY c.id LIMIT 1) AS open_case
     FROM poles p LEFT JOIN organisations o ON o.id = p.owner_org_id
     WHERE p.id = ANY($1::int[]) ORDER BY p.id FOR UPDATE OF p`,
    [ids],
  )).rows;
}
