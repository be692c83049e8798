import type { Queryable } from '../db/db.types.ts';
import type { Bbox } from '../config/config.ts';
import { setClause } from '../db/sql.set.ts';
import { featurePage } from '../db/sql.page.ts';
import { corridorCtes } from '../burial/burial.impact.repo.ts';

/** Lines have a length and areas an area; the other figure is null rather than a misleading 0. */
const FEATURE = `json_build_object('type', 'Feature', 'id', w.id, 'geometry', ST_AsGeoJSON(w.geom, 7)::json,
    'properties', json_build_object('id', w.id, 'name', w.name, 'district_code', d.code, 'planned_start', w.planned_start,
      'planned_end', w.planned_end, 'status', w.status, 'source', w.source, 'version', w.version,
      'length_m', CASE WHEN ST_Dimension(w.geom) = 1 THEN round(ST_Length(w.geom::geography)::numeric, 1) END,
      'area_m2', CASE WHEN ST_Dimension(w.geom) = 2 THEN round(ST_Area(w.geom::geography)::numeric, 1) END))`;

export interface RoadWorksFilter {
  bbox: Bbox | null;
  statuses: string[] | null;
  from: string | null;
  to: string | null;
  districts: string[] | null;
}

/** Road works in a bbox as GeoJSON text, keyset-paged by id like the span list. */
export async function listFeatures(q: Queryable, f: RoadWorksFilter, afterId: number, limit: number) {
  return featurePage(q, `
       SELECT w.id, ${FEATURE} AS f FROM road_works w LEFT JOIN districts d ON d.id = w.district_id
       WHERE w.id > $1 AND ($3::text[] IS NULL OR w.status = ANY($3::text[]))
         AND ($4::float8 IS NULL OR w.geom && ST_MakeEnvelope($4, $5, $6, $7, 4326))
         AND ($8::date IS NULL OR w.planned_end >= $8::date) AND ($9::date IS NULL OR w.planned_start <= $9::date)
         AND ($10::text[] IS NULL OR d.code = ANY($10::text[]))
       ORDER BY w.id LIMIT $2 + 1`,
    afterId, limit, [f.statuses, f.bbox?.[0] ?? null, f.bbox?.[1] ?? null, f.bbox?.[2] ?? null, f.bbox?.[3] ?? null, f.from, f.to, f.districts]);
}

export async function featureById(q: Queryable, id: number): Promise<string | undefined> {
  const res = await q.query<{ f: string }>(`SELECT ${FEATURE}::text AS f FROM road_works w LEFT JOIN districts d ON d.id = w.district_id WHERE w.id = $1`, [id]);
  return res.rows[0]?.f;
}

export interface RoadWorksRow {
  id: number;
  name: string;
  status: string;
  planned_start: string;
  planned_end: string;
  district_code: string | null;
  version: number;
}

export async function byId(q: Queryable, id: number, forUpdate = false): Promise<RoadWorksRow | undefined> {
  const res = await q.query<RoadWorksRow>(
    `SELECT w.id, w.name, w.status, w.planned_start, w.planned_end, d.code AS district_code, w.version
     FROM road_works w LEFT JOIN districts d ON d.id = w.district_id WHERE w.id = $1${forUpdate ? ' FOR UPDATE OF w' : ''}`,
    [id],
  );
  return res.rows[0];
}

export interface NewRoadWorks {
  name: string;
  geojson: string;
  /** null: the district the works lie in is derived from the geometry. */
  district_id: number | null;
  planned_start: string;
  planned_end: string;
  status: string;
  source: 'planner' | 'import' | 'fixtures';
  created_by: string;
}

/**
 * Many road works in one statement (single create and imports alike). The district, when not
 * given, is the one holding a point on the works, else the nearest.
 */
export async function insertMany(q: Queryable, rows: readonly NewRoadWorks[]): Promise<number[]> {
  if (rows.length === 0) return [];
  const res = await q.query<{ id: number }>(
    `WITH r AS (
       SELECT j.n, r.name, ST_SetSRID(ST_GeomFromGeoJSON(r.geojson), 4326) AS geom, r.district_id, r.planned_start, r.planned_end,
              r.status, r.source, r.created_by
       FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS j(doc, n),
            jsonb_to_record(j.doc) AS r(name text, geojson text, district_id int, planned_start date, planned_end date,
              status text, source text, created_by text)
     )
     INSERT INTO road_works (name, geom, district_id, planned_start, planned_end, status, source, created_by)
     SELECT r.name, r.geom,
            coalesce(r.district_id, (SELECT d.id FROM districts d ORDER BY ST_Distance(d.geom, ST_PointOnSurface(r.geom)), d.id LIMIT 1)),
            r.planned_start, r.planned_end, r.status, r.source, r.created_by
     FROM r ORDER BY r.n
     RETURNING id`,
    [JSON.stringify(rows)],
  );
  return res.rows.map((r) => r.id);
}

export interface RoadWorksChanges {
  name?: string;
  geojson?: string;
  district_id?: number;
  planned_start?: string;
  planned_end?: string;
  status?: string;
}

/** Applies the changes if the version is still the caller's; undefined when someone got there first. */
export async function update(q: Queryable, id: number, version: number, c: RoadWorksChanges): Promise<number | undefined> {
  const params: unknown[] = [id, version];
  const sets = setClause(c, ['name', 'district_id', 'planned_start', 'planned_end', 'status'], params);
  if (c.geojson !== undefined) {
    params.push(c.geojson);
    sets.push(`geom = ST_SetSRID(ST_GeomFromGeoJSON($${params.length}), 4326)`);
  }
  const res = await q.query<{ version: number }>(
    `UPDATE road_works SET ${[...sets, 'version = version + 1', 'updated_at = now()'].join(', ')} WHERE id = $1 AND version = $2 RETURNING version`,
    params,
  );
  return res.rows[0]?.version;
}

export async function transitionAllowed(q: Queryable, from: string, to: string): Promise<boolean> {
  return (await q.query('SELECT 1 FROM road_works_transitions WHERE from_status = $1 AND to_status = $2', [from, to])).rows.length > 0;
}

export interface RankingRow {
  id: number;
  name: string;
  status: string;
  district_code: string | null;
  planned_start: string;
  planned_end: string;
  overhead_m: number;
  overhead_spans: number;
  firms: string[];
  tangled_poles: number;
  orphan_poles: number;
  freed_poles: number;
}

/**
 * Dig once: for every open road works starting in [from, to], what burying along it would take
 * down — overhead cable, the firms on it, tangled and orphan poles standing in its corridor, and
 * the poles it would free. One statement for all works, on the same corridor rule as a burial.
 */
export async function ranking(q: Queryable, from: string, to: string, corridorM: number): Promise<RankingRow[]> {
  const res = await q.query<RankingRow>(
    `WITH ${corridorCtes(`SELECT w.id AS key, w.geom, $3::float8 AS corridor_m FROM road_works w
                          WHERE w.status IN ('planned', 'in_progress') AND w.planned_start BETWEEN $1::date AND $2::date`)},
     by_spans AS (
       SELECT a.key, count(*)::int AS n, sum(a.len) AS m, to_json(array_agg(DISTINCT o.code ORDER BY o.code)) AS firms
       FROM along a JOIN organisations o ON o.id = a.org_id GROUP BY a.key
     ),
     by_poles AS (
       SELECT z.key, count(*) FILTER (WHERE p.cable_tangle)::int AS tangled,
              count(*) FILTER (WHERE p.ownership_status IN ('unknown', 'presumed_abandoned'))::int AS orphan
       FROM zones z JOIN poles p ON p.geom && z.buf AND ST_Intersects(p.geom, z.buf) AND p.status <> 'removed'
       GROUP BY z.key
     ),
     by_freed AS (SELECT key, count(*)::int AS n FROM freed GROUP BY key)
     SELECT w.id, w.name, w.status, d.code AS district_code, w.planned_start, w.planned_end,
            coalesce(s.m, 0)::float8 AS overhead_m, coalesce(s.n, 0) AS overhead_spans, coalesce(s.firms, '[]'::json) AS firms,
            coalesce(p.tangled, 0) AS tangled_poles, coalesce(p.orphan, 0) AS orphan_poles, coalesce(f.n, 0) AS freed_poles
     FROM routes r JOIN road_works w ON w.id = r.key LEFT JOIN districts d ON d.id = w.district_id
       LEFT JOIN by_spans s ON s.key = r.key LEFT JOIN by_poles p ON p.key = r.key LEFT JOIN by_freed f ON f.key = r.key`,
    [from, to, corridorM],
  );
  return res.rows;
}
