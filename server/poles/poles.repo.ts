import type { Queryable } from '../db/db.types.ts';
import type { PoleFilter } from './poles.filters.ts';
import { filterSql } from './poles.filters.ts';
import { DEFAULT_VISIBLE_STATUSES } from './poles.enums.ts';
import { appendHistoryMany, insertMany, outsideServiceArea, touchMany, type HistoryEntry } from './poles.batch.ts';

/**
 * Each pole's GeoJSON Feature text, rendered by the database whenever the pole or a name it
 * shows changes (pole_feature() in migrations/0014_pole_features.sql is the one definition of
 * its properties). Lists splice these texts together and stream them to the client without a
 * parse/re-serialise round trip, in the database or in Node.
 */
const FEATURE_LIST = (filter = '') => `'[' || coalesce(string_agg(f, ',' ORDER BY id)${filter}, '') || ']'`;

const JOINS = `LEFT JOIN organisations o ON o.id = p.owner_org_id
  LEFT JOIN districts d ON d.id = p.district_id
  LEFT JOIN roads r ON r.id = p.road_id`;

export interface PoleRow {
  id: number;
  code: string;
  lng: number;
  lat: number;
  source_crs: string;
  owner_org_id: number | null;
  owner_code: string | null;
  owner_name_zh: string | null;
  owner_name_en: string | null;
  ownership_status: string;
  material: string;
  height_m: string | null;
  install_year: number | null;
  condition: string;
  status: string;
  cable_tangle: boolean;
  district_id: number | null;
  district_code: string | null;
  district_name_zh: string | null;
  district_name_en: string | null;
  road_id: number | null;
  road_name_zh: string | null;
  road_name_en: string | null;
  location_kind: string;
  removed_at: Date | null;
  note: string | null;
  version: number;
  created_at: Date;
  updated_at: Date;
  /** Left with no overhead cable by a completed burial project: pull it. */
  removal_candidate: boolean;
  removal_candidate_project_id: number | null;
  removal_candidate_since: string | null;
}

/** Columns a PATCH may change, mapped to how they are written. */
export interface PoleChanges {
  owner_org_id?: number | null;
  ownership_status?: string;
  lng?: number;
  lat?: number;
  source_crs?: string;
  material?: string;
  height_m?: string | null;
  install_year?: number | null;
  condition?: string;
  status?: string;
  cable_tangle?: boolean;
  road_id?: number | null;
  location_kind?: string;
  note?: string | null;
  /** lifts the removal-candidate flag with what it named (project, since) */
  clear_removal_candidate?: true;
}

export interface NewPole extends Required<Omit<PoleChanges, 'clear_removal_candidate'>> {
  code: string | null;
}

export async function listFeatures(q: Queryable, f: PoleFilter, afterId: number, limit: number): Promise<{ features: string; count: number; lastId: number | null }> {
  const { where, params } = filterSql(f, 3);
  // limit + 1 rows tell us whether another page exists without a COUNT over the whole set.
  const res = await q.query<{ features: string | null; n: number; last_id: number | null; more: boolean }>(
    `WITH page AS (
       SELECT p.id, p.feature AS f FROM poles p
       WHERE p.id > $1 AND ${where}
       ORDER BY p.id LIMIT $2 + 1
     ), numbered AS (SELECT id, f, row_number() OVER (ORDER BY id) AS rn FROM page)
     SELECT ${FEATURE_LIST(' FILTER (WHERE rn <= $2)')} AS features,
            count(*) FILTER (WHERE rn <= $2)::int AS n,
            max(id) FILTER (WHERE rn <= $2) AS last_id,
            count(*) > $2 AS more
     FROM numbered`,
    [afterId, limit, ...params],
  );
  const row = res.rows[0]!;
  return { features: row.features ?? '[]', count: row.n, lastId: row.more ? row.last_id : null };
}

/** Features for a known set of poles (portal lists, queues), in id order. */
export async function featuresByIds(q: Queryable, ids: number[]): Promise<string> {
  const res = await q.query<{ features: string }>(
    `SELECT ${FEATURE_LIST()} AS features FROM (SELECT p.id, p.feature AS f FROM poles p WHERE p.id = ANY($1::int[])) x`,
    [ids],
  );
  return res.rows[0]!.features;
}

export interface DoubleRow {
  a: { id: number; code: string; lng: number; lat: number; condition: string; install_year: number | null; status: string };
  b: DoubleRow['a'];
  distance_m: number;
}

/**
 * Pairs of live poles closer than maxM on the ellipsoid where one looks like the other's
 * replacement: built years apart, or one in much worse shape or abandoned. The bounding-box
 * test lets the spatial index find neighbours before the exact geodesic check.
 */
export async function doubles(q: Queryable, bbox: [number, number, number, number] | null, maxM: number, limit: number): Promise<DoubleRow[]> {
  const res = await q.query<DoubleRow>(
    `WITH live AS (
       SELECT id, code, geom, condition, install_year, status FROM poles
       WHERE status <> 'removed' AND ($1::float8 IS NULL OR geom && ST_MakeEnvelope($1, $2, $3, $4, 4326))
     )
     SELECT json_build_object('id', a.id, 'code', a.code, 'lng', ST_X(a.geom), 'lat', ST_Y(a.geom), 'condition', a.condition, 'install_year', a.install_year, 'status', a.status) AS a,
            json_build_object('id', b.id, 'code', b.code, 'lng', ST_X(b.geom), 'lat', ST_Y(b.geom), 'condition', b.condition, 'install_year', b.install_year, 'status', b.status) AS b,
            round(ST_Distance(a.geom::geography, b.geom::geography)::numeric, 2)::float8 AS distance_m
     FROM live a JOIN poles b ON b.id > a.id AND b.status <> 'removed'
       AND b.geom && ST_Expand(a.geom, $5 / 50000.0) AND ST_DWithin(a.geom::geography, b.geom::geography, $5)
     WHERE abs(coalesce(a.install_year, 1900) - coalesce(b.install_year, 1900)) >= 3
        OR (a.condition = 'good') <> (b.condition = 'good')
        OR (a.status = 'abandoned') <> (b.status = 'abandoned')
     ORDER BY distance_m, a.id LIMIT $6`,
    [bbox?.[0] ?? null, bbox?.[1] ?? null, bbox?.[2] ?? null, bbox?.[3] ?? null, maxM, limit],
  );
  return res.rows;
}

export interface SummaryCells {
  features: string;
  cells: number;
  cellDeg: number;
}

/** Cells (n, x, y, orphan, broken, tangle) as GeoJSON points, biggest first. */
const CELLS_JSON = `SELECT coalesce(json_agg(json_build_object('type', 'Feature',
         'geometry', json_build_object('type', 'Point', 'coordinates', json_build_array(round(x::numeric, 6), round(y::numeric, 6))),
         'properties', json_build_object('count', n, 'orphan', orphan, 'broken', broken, 'tangle', tangle))
       ORDER BY n DESC), '[]'::json)::text AS features,
       count(*)::int AS cells
  FROM cells`;

/** Live counts per cell of the poles the filter selects; `extra` narrows them further. */
const liveCells = (where: string, cell: string, extra = '') => `SELECT count(*)::int AS n,
         sum(ST_X(p.geom)) / count(*) AS x, sum(ST_Y(p.geom)) / count(*) AS y,
         count(*) FILTER (WHERE p.owner_org_id IS NULL)::int AS orphan,
         count(*) FILTER (WHERE pole_is_broken(p.condition))::int AS broken,
         count(*) FILTER (WHERE p.cable_tangle)::int AS tangle
  FROM poles p
  WHERE ${where}${extra}
  GROUP BY floor(ST_X(p.geom) / ${cell}), floor(ST_Y(p.geom) / ${cell})`;

/** Only the map's default (live poles, no other filter) is kept in pole_grid (migration 0015). */
function gridFilter(f: PoleFilter): boolean {
  return f.ownerCodes === null && !f.includeOrphans && f.ownership === null && f.condition === null && f.district === null
    && f.tangle === null && f.removalCandidate === null
    && f.status.length === DEFAULT_VISIBLE_STATUSES.length && DEFAULT_VISIBLE_STATUSES.every((s) => f.status.includes(s));
}

/**
 * Grid aggregation for zoomed-out views: one row per occupied cell, positioned at its poles'
 * mean. For the default view, whole cells inside the bbox come from pole_grid and only the
 * cells the bbox cuts are counted live, from the four edge strips; any other filter counts live.
 */
export async function summarise(q: Queryable, f: PoleFilter, zoom: number): Promise<SummaryCells> {
  const bbox = f.bbox ?? [-180, -90, 180, 90];
  const g = (await q.query<{ cell: number; gx1: number; gx2: number; gy1: number; gy2: number; usable: boolean }>(
    'SELECT * FROM pole_grid_interior($1, $2, $3, $4, $5)', [zoom, ...bbox],
  )).rows[0]!;
  if (!gridFilter(f) || !g.usable) {
    const { where, params } = filterSql(f, 2);
    const res = await q.query<{ features: string; cells: number }>(`WITH cells AS (${liveCells(where, '$1::float8')}) ${CELLS_JSON}`, [g.cell, ...params]);
    return { ...res.rows[0]!, cellDeg: g.cell };
  }
  const { where, params } = filterSql(f, 11);
  // $6 cell size, $7..$10 the whole cells gx1, gx2, gy1, gy2. The strips overlap the whole cells by
  // a hair so that no point is missed to rounding; the exact cell test then leaves those out.
  const strips = `
    AND (p.geom && ST_MakeEnvelope($2, $3, $7 * $6 + 1e-9, $5, 4326) OR p.geom && ST_MakeEnvelope(($8 + 1) * $6 - 1e-9, $3, $4, $5, 4326)
      OR p.geom && ST_MakeEnvelope($2, $3, $4, $9 * $6 + 1e-9, 4326) OR p.geom && ST_MakeEnvelope($2, ($10 + 1) * $6 - 1e-9, $4, $5, 4326))
    AND NOT (floor(ST_X(p.geom) / $6) BETWEEN $7 AND $8 AND floor(ST_Y(p.geom) / $6) BETWEEN $9 AND $10)`;
  const res = await q.query<{ features: string; cells: number }>(
    // The first CTE declares the parameters' types (below they meet only in arithmetic).
    `WITH typed AS (SELECT $1::int AS zoom, $2::float8 AS x1, $3::float8 AS y1, $4::float8 AS x2, $5::float8 AS y2,
                            $6::float8 AS cell, $7::int AS gx1, $8::int AS gx2, $9::int AS gy1, $10::int AS gy2),
     cells AS (
       SELECT n, sx / n AS x, sy / n AS y, orphan, broken, tangle FROM pole_grid
       WHERE zoom = $1 AND n > 0 AND cx BETWEEN $7 AND $8 AND cy BETWEEN $9 AND $10
       UNION ALL
       ${liveCells(where, '$6', strips)}
     )
     ${CELLS_JSON}`,
    [zoom, ...bbox, g.cell, g.gx1, g.gx2, g.gy1, g.gy2, ...params],
  );
  return { ...res.rows[0]!, cellDeg: g.cell };
}

const ROW_SELECT = `SELECT p.id, p.code, ST_X(p.geom) AS lng, ST_Y(p.geom) AS lat, p.source_crs,
    p.owner_org_id, o.code AS owner_code, o.name_zh AS owner_name_zh, o.name_en AS owner_name_en,
    p.ownership_status, p.material, p.height_m::text AS height_m, p.install_year, p.condition, p.status,
    p.cable_tangle, p.district_id, d.code AS district_code, d.name_zh AS district_name_zh, d.name_en AS district_name_en,
    p.road_id, r.name_zh AS road_name_zh, r.name_en AS road_name_en, p.location_kind,
    p.removed_at, p.note, p.version, p.created_at, p.updated_at,
    p.removal_candidate, p.removal_candidate_project_id, p.removal_candidate_since
  FROM poles p ${JOINS}`;

export async function findById(q: Queryable, id: number, forUpdate = false): Promise<PoleRow | undefined> {
  const res = await q.query<PoleRow>(`${ROW_SELECT} WHERE p.id = $1${forUpdate ? ' FOR UPDATE OF p' : ''}`, [id]);
  return res.rows[0];
}

/** Many poles at once, by id or by code; `forUpdate` locks them for the caller's transaction. */
export async function findMany(q: Queryable, by: { ids: number[] } | { codes: string[] }, forUpdate = false): Promise<PoleRow[]> {
  const [where, values] = 'ids' in by ? ['p.id = ANY($1::int[])', by.ids] : ['p.code = ANY($1::text[])', by.codes];
  if (values.length === 0) return [];
  const res = await q.query<PoleRow>(`${ROW_SELECT} WHERE ${where} ORDER BY p.id${forUpdate ? ' FOR UPDATE OF p' : ''}`, [values]);
  return res.rows;
}

export async function findOrgIdByCode(q: Queryable, code: string): Promise<number | undefined> {
  const res = await q.query<{ id: number }>('SELECT id FROM organisations WHERE code = $1', [code]);
  return res.rows[0]?.id;
}

export async function roadExists(q: Queryable, id: number): Promise<boolean> {
  return (await q.query('SELECT 1 FROM roads WHERE id = $1', [id])).rows.length > 0;
}

/** Whether a point lies in the service area: the given bbox, or within marginM of any district. */
export async function inServiceArea(q: Queryable, lng: number, lat: number, bbox: [number, number, number, number] | null, marginM: number): Promise<boolean> {
  return (await outsideServiceArea(q, [{ lng, lat }], bbox, marginM)).length === 0;
}

/**
 * The next free code in a district's series, e.g. LC-DCF-000124. The counter row's lock makes
 * concurrent creations wait for each other; GREATEST keeps it ahead of codes that arrived
 * by other paths (fixtures, imports).
 */
export async function nextCode(q: Queryable, lng: number, lat: number): Promise<string> {
  const res = await q.query<{ code: string }>(
    `WITH d AS (
       SELECT 'LC-' || coalesce((SELECT code FROM districts WHERE ST_Intersects(geom, ST_SetSRID(ST_MakePoint($1, $2), 4326)) ORDER BY id LIMIT 1), 'XX') || '-' AS prefix
     ), seen AS (
       SELECT d.prefix, coalesce(max(substring(p.code FROM '(\\d+)$')::int), 0) AS top
       FROM d LEFT JOIN poles p ON starts_with(p.code, d.prefix) GROUP BY d.prefix
     )
     INSERT INTO pole_code_counters AS c (prefix, last) SELECT prefix, top + 1 FROM seen
     ON CONFLICT (prefix) DO UPDATE SET last = GREATEST(c.last, EXCLUDED.last - 1) + 1
     RETURNING c.prefix || lpad(c.last::text, 6, '0') AS code`,
    [lng, lat],
  );
  return res.rows[0]!.code;
}

export async function insert(q: Queryable, p: NewPole, code: string): Promise<number> {
  return (await insertMany(q, [{ ...p, code }]))[0]!.id;
}

/**
 * Applies changes only if the version is still the one the caller saw; 0 rows means
 * someone else got there first. Column names come from a fixed map, values are bound.
 */
export async function update(q: Queryable, id: number, expectedVersion: number, c: PoleChanges): Promise<number | undefined> {
  const sets: string[] = [];
  const params: unknown[] = [id, expectedVersion];
  const bind = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  if (c.lng !== undefined && c.lat !== undefined) sets.push(`geom = ST_SetSRID(ST_MakePoint(${bind(c.lng)}, ${bind(c.lat)}), 4326)`);
  const simple = ['owner_org_id', 'ownership_status', 'source_crs', 'material', 'install_year', 'condition', 'status', 'cable_tangle', 'road_id', 'location_kind', 'note'] as const;
  for (const k of simple) if (c[k] !== undefined) sets.push(`${k} = ${bind(c[k])}`);
  if (c.height_m !== undefined) sets.push(`height_m = ${bind(c.height_m)}::numeric`);
  if (c.clear_removal_candidate) sets.push('removal_candidate = false, removal_candidate_project_id = NULL, removal_candidate_since = NULL');
  const res = await q.query<{ version: number }>(
    `UPDATE poles SET ${[...sets, 'version = version + 1', 'updated_at = now()'].join(', ')}
     WHERE id = $1 AND version = $2 RETURNING version`,
    params,
  );
  return res.rows[0]?.version;
}

/** An ownership change bumps the version like any edit, so stale If-Match edits fail. */
export async function setOwnership(q: Queryable, id: number, ownerOrgId: number | null, status: string): Promise<number> {
  const res = await q.query<{ version: number }>(
    `UPDATE poles SET owner_org_id = $2, ownership_status = $3, version = version + 1, updated_at = now() WHERE id = $1 RETURNING version`,
    [id, ownerOrgId, status],
  );
  return res.rows[0]!.version;
}

/** Bumps the version without other changes: an event happened to the pole (a claim was filed). */
export async function touch(q: Queryable, id: number): Promise<number> {
  return (await touchMany(q, [id])).get(id)!;
}

export async function appendHistory(q: Queryable, h: HistoryEntry): Promise<void> {
  await appendHistoryMany(q, [h]);
}

export interface HistoryRow {
  id: number;
  version: number;
  action: string;
  changes: unknown;
  actor: string;
  at: Date;
}

export async function history(q: Queryable, poleId: number, limit: number): Promise<HistoryRow[]> {
  const res = await q.query<HistoryRow>(
    'SELECT id, version, action, changes, actor, at FROM pole_history WHERE pole_id = $1 ORDER BY id DESC LIMIT $2',
    [poleId, limit],
  );
  return res.rows;
}
