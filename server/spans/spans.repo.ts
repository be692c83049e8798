import type { Queryable } from '../db/db.types.ts';
import type { Bbox } from '../config/config.ts';
import { featurePage } from '../db/sql.page.ts';

const FEATURE = `json_build_object('type', 'Feature', 'id', s.id, 'geometry', ST_AsGeoJSON(s.geom, 7)::json,
    'properties', json_build_object('id', s.id, 'org_code', o.code, 'status', s.status, 'buried_at', s.buried_at,
      'from_pole_id', s.from_pole_id, 'to_pole_id', s.to_pole_id, 'burial_project_id', s.burial_project_id,
      'length_m', round(ST_Length(s.geom::geography)::numeric, 1)))`;

/** Spans in a bbox as GeoJSON text, keyset-paged by id like the pole list. */
export async function listFeatures(q: Queryable, bbox: Bbox | null, statuses: string[], orgCodes: string[] | null, afterId: number, limit: number) {
  return featurePage(q, `
       SELECT s.id, ${FEATURE} AS f
       FROM spans s JOIN organisations o ON o.id = s.org_id
       WHERE s.id > $1 AND s.status = ANY($3::text[])
         AND ($4::float8 IS NULL OR s.geom && ST_MakeEnvelope($4, $5, $6, $7, 4326))
         AND ($8::text[] IS NULL OR o.code = ANY($8::text[]))
       ORDER BY s.id LIMIT $2 + 1`,
    afterId, limit, [statuses, bbox?.[0] ?? null, bbox?.[1] ?? null, bbox?.[2] ?? null, bbox?.[3] ?? null, orgCodes]);
}

export async function featureById(q: Queryable, id: number): Promise<string | undefined> {
  const res = await q.query<{ f: string }>(`SELECT ${FEATURE}::text AS f FROM spans s JOIN organisations o ON o.id = s.org_id WHERE s.id = $1`, [id]);
  return res.rows[0]?.f;
}
