import type { Queryable } from '../db/db.types.ts';

/** Reference layers for the offline basemap, assembled as GeoJSON text in SQL. */
export async function districtsGeoJson(q: Queryable): Promise<string> {
  const res = await q.query<{ fc: string }>(
    `SELECT json_build_object('type', 'FeatureCollection', 'features', coalesce(json_agg(json_build_object(
       'type', 'Feature', 'id', id, 'geometry', ST_AsGeoJSON(geom, 6)::json,
       'properties', json_build_object('id', id, 'code', code, 'name_zh', name_zh, 'name_en', name_en, 'kind', kind)) ORDER BY id), '[]'::json))::text AS fc
     FROM districts`,
  );
  return res.rows[0]!.fc;
}

export async function roadsGeoJson(q: Queryable): Promise<string> {
  const res = await q.query<{ fc: string }>(
    `SELECT json_build_object('type', 'FeatureCollection', 'features', coalesce(json_agg(json_build_object(
       'type', 'Feature', 'id', id, 'geometry', ST_AsGeoJSON(geom, 6)::json,
       'properties', json_build_object('id', id, 'name_zh', name_zh, 'name_en', name_en, 'kind', kind)) ORDER BY id), '[]'::json))::text AS fc
     FROM roads`,
  );
  return res.rows[0]!.fc;
}

/** The districts' extent, for clients that want to frame the city. */
export async function extent(q: Queryable): Promise<[number, number, number, number] | null> {
  const res = await q.query<{ x1: number | null; y1: number | null; x2: number | null; y2: number | null }>(
    'SELECT ST_XMin(e) AS x1, ST_YMin(e) AS y1, ST_XMax(e) AS x2, ST_YMax(e) AS y2 FROM (SELECT ST_Extent(geom)::geometry AS e FROM districts) s',
  );
  const r = res.rows[0];
  return r && r.x1 !== null ? [r.x1, r.y1!, r.x2!, r.y2!] : null;
}
