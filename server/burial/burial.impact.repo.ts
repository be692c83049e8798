import type { Queryable } from '../db/db.types.ts';

/**
 * The one definition of "the overhead spans along a route", as SQL common table expressions
 * shared by the impact of a burial route, its completion and the dig-once ranking of road works.
 *
 * The caller supplies `routes(key, geom, corridor_m)` (geom in SRID 4326, any of the road-works
 * types) and gets, set-based for all routes at once:
 *  - `zones(key, geom, thin, corridor_m, buf)`: the route buffered on the geography, so the corridor
 *    is metres on the ground whatever the latitude;
 *  - `along(key, id, org_id, from_pole_id, to_pole_id, len)`: overhead spans with at least
 *    ALONG_SHARE of their geodesic length inside the buffer and, for lines, running within
 *    MAX_ANGLE_DEG of the route segment nearest the span's midpoint (angles modulo 180°, a
 *    cable has no direction). Areas have no direction, so only the share counts there;
 *  - `freed(key, pole_id)`: standing poles all of whose overhead spans are in `along` (and that
 *    had at least one).
 * Nothing here binds parameters; the caller's `routes` text holds the `$n` references.
 */
export const ALONG_SHARE = 0.8;
export const MAX_ANGLE_DEG = 30;

export function corridorCtes(routes: string): string {
  return `routes AS (${routes}),
  -- A densely drawn line is thinned to within about 0.2 m before it is buffered and cut into
  -- segments: the corridor is metres wide and direction is judged against 30°, so nothing that
  -- matters moves, while a 10,000-vertex route stops costing 10,000 segments per span.
  thin AS (
    SELECT r.key, r.geom, r.corridor_m::float8 AS corridor_m,
           CASE WHEN ST_Dimension(r.geom) = 1 THEN ST_Simplify(ST_RemoveRepeatedPoints(r.geom), 0.000002) ELSE r.geom END AS thin
    FROM routes r
  ),
  zones AS MATERIALIZED (
    SELECT t.key, t.geom, t.thin, t.corridor_m, ST_Buffer(t.thin::geography, t.corridor_m)::geometry AS buf FROM thin t
  ),
  segs AS MATERIALIZED (
    SELECT z.key, (d).geom AS seg, (d).geom::geography AS seg_g,
           ST_Azimuth(ST_StartPoint((d).geom)::geography, ST_EndPoint((d).geom)::geography) AS az
    FROM zones z, LATERAL ST_DumpSegments(z.thin) AS d
    WHERE ST_Dimension(z.geom) = 1
  ),
  cand AS (
    SELECT z.key, z.corridor_m, ST_Dimension(z.geom) AS dim, s.id, s.org_id, s.from_pole_id, s.to_pole_id,
           ST_Length(s.geom::geography) AS len,
           -- Most spans lie wholly inside; only those that leave the strip need cutting.
           CASE WHEN ST_CoveredBy(s.geom, z.buf) THEN ST_Length(s.geom::geography)
                ELSE ST_Length(ST_Intersection(s.geom, z.buf)::geography) END AS len_inside,
           ST_LineInterpolatePoint(s.geom, 0.5)::geography AS mid_g,
           -- A box round the midpoint wider than the search radius, in degrees at this latitude,
           -- so the bounding-box test skips far segments before any geodesic distance.
           ST_Expand(ST_LineInterpolatePoint(s.geom, 0.5), (2 * z.corridor_m + 25) / (110000 * cos(radians(ST_Y(ST_StartPoint(s.geom))))),
                     (2 * z.corridor_m + 25) / 110000) AS near,
           ST_Azimuth(ST_StartPoint(s.geom)::geography, ST_EndPoint(s.geom)::geography) AS az
    FROM zones z JOIN spans s ON s.geom && z.buf AND ST_Intersects(s.geom, z.buf)
    WHERE s.status = 'overhead'
  ),
  along AS (
    SELECT c.key, c.id, c.org_id, c.from_pole_id, c.to_pole_id, c.len
    FROM cand c
    WHERE c.len > 0 AND c.len_inside >= ${ALONG_SHARE} * c.len
      AND (c.dim = 2 OR (
        SELECT degrees(least(x.d, pi() - x.d))
        FROM segs g, LATERAL (SELECT abs(c.az - g.az) - pi() * floor(abs(c.az - g.az) / pi()) AS d) AS x
        WHERE g.key = c.key AND g.az IS NOT NULL AND g.seg && c.near AND ST_DWithin(g.seg_g, c.mid_g, 2 * c.corridor_m + 20)
        ORDER BY ST_Distance(g.seg_g, c.mid_g) LIMIT 1
      ) <= ${MAX_ANGLE_DEG})
  ),
  -- A pole is freed when the along spans at it are all its overhead spans: along spans are
  -- overhead spans, so comparing the two counts is enough and needs no join between them.
  along_ends AS (
    SELECT key, pole_id, count(*) AS n
    FROM (SELECT key, from_pole_id AS pole_id FROM along UNION ALL SELECT key, to_pole_id FROM along) AS e
    GROUP BY key, pole_id
  ),
  -- Every overhead span at those poles, through the from/to indexes (an OR would scan them all).
  overhead_ends AS (
    SELECT key, pole_id, count(*) AS n FROM (
      SELECT t.key, t.pole_id FROM along_ends t JOIN spans s ON s.from_pole_id = t.pole_id AND s.status = 'overhead'
      UNION ALL
      SELECT t.key, t.pole_id FROM along_ends t JOIN spans s ON s.to_pole_id = t.pole_id AND s.status = 'overhead'
    ) AS e GROUP BY key, pole_id
  ),
  freed AS (
    SELECT a.key, a.pole_id FROM along_ends a
      JOIN overhead_ends o ON o.key = a.key AND o.pole_id = a.pole_id AND o.n = a.n
      JOIN poles p ON p.id = a.pole_id AND p.status <> 'removed'
  )`;
}

export interface FirmImpact {
  code: string;
  name_zh: string;
  name_en: string;
  spans: number;
  overhead_m: number;
}

export interface FreedPole {
  id: number;
  code: string;
  lng: number;
  lat: number;
}

export interface SpanImpact {
  length_m: number;
  span_ids: number[];
  overhead_m: number;
  firms: FirmImpact[];
  freed_poles: FreedPole[];
}

/** A route to judge: drawn (GeoJSON text) or the stored route of a project. */
export type RouteSource = { geojson: string; corridorM: number } | { projectId: number };

/** Spans per firm, biggest first, over a relation with (org_id, len) aliased `a`. */
const firmsOf = (relation: string) => `(SELECT coalesce(json_agg(json_build_object('code', x.code, 'name_zh', x.name_zh, 'name_en', x.name_en,
               'spans', x.n, 'overhead_m', x.m) ORDER BY x.m DESC, x.code), '[]'::json)
             FROM (SELECT o.code, o.name_zh, o.name_en, count(*)::int AS n, sum(a.len)::float8 AS m
                   FROM ${relation} a JOIN organisations o ON o.id = a.org_id GROUP BY o.code, o.name_zh, o.name_en) AS x) AS firms`;

function routeSql(src: RouteSource): { sql: string; params: unknown[] } {
  return 'projectId' in src
    ? { sql: 'SELECT 1 AS key, route AS geom, corridor_m FROM burial_projects WHERE id = $1', params: [src.projectId] }
    : { sql: 'SELECT 1 AS key, ST_SetSRID(ST_GeomFromGeoJSON($1), 4326) AS geom, $2::float8 AS corridor_m', params: [src.geojson, src.corridorM] };
}

/** What burying along the route would do, in one statement: spans, firms and freed poles. */
export async function spanImpact(q: Queryable, src: RouteSource): Promise<SpanImpact> {
  const r = routeSql(src);
  const res = await q.query<SpanImpact>(
    `WITH ${corridorCtes(r.sql)}
     SELECT (SELECT ST_Length(geom::geography) FROM zones)::float8 AS length_m,
            (SELECT coalesce(json_agg(id ORDER BY id), '[]'::json) FROM along) AS span_ids,
            (SELECT coalesce(sum(len), 0) FROM along)::float8 AS overhead_m,
            ${firmsOf('along')},
            (SELECT coalesce(json_agg(json_build_object('id', p.id, 'code', p.code, 'lng', ST_X(p.geom), 'lat', ST_Y(p.geom)) ORDER BY p.id), '[]'::json)
             FROM freed f JOIN poles p ON p.id = f.pole_id) AS freed_poles`,
    r.params,
  );
  return res.rows[0]!;
}

export interface OverlapRow {
  kind: 'road_works' | 'burial';
  id: number;
  name: string;
  status: string;
  planned_start: string;
  planned_end: string;
  /** Metres of the route running within the corridor of the other works. */
  overlap_m: number;
}

/**
 * Road works in the time window, and other live burial projects, that the route runs into:
 * the length of the route inside the other geometry buffered by the corridor (on the geography).
 */
export async function overlaps(q: Queryable, src: RouteSource, window: { from: string; to: string }, excludeProjectId: number | null): Promise<OverlapRow[]> {
  const r = routeSql(src);
  const n = r.params.length;
  const res = await q.query<OverlapRow>(
    `WITH route AS (SELECT geom, corridor_m, ST_Buffer(geom::geography, corridor_m)::geometry AS buf FROM (${r.sql}) AS x),
     others AS (
       SELECT 'road_works' AS kind, w.id, w.name, w.status, w.planned_start, w.planned_end, w.geom
       FROM road_works w, route
       WHERE w.status IN ('planned', 'in_progress') AND w.planned_end >= $${n + 1}::date AND w.planned_start <= $${n + 2}::date
         AND w.geom && route.buf
       UNION ALL
       SELECT 'burial', b.id, b.name, b.status, b.planned_start, b.planned_end, b.route
       FROM burial_projects b, route
       WHERE b.status <> 'cancelled' AND b.id IS DISTINCT FROM $${n + 3}::int AND b.route && route.buf
     )
     SELECT o.kind, o.id, o.name, o.status, o.planned_start, o.planned_end, x.overlap_m
     FROM others o, route,
          LATERAL (SELECT ST_Length(ST_Intersection(route.geom, ST_Buffer(o.geom::geography, route.corridor_m)::geometry)::geography)::float8 AS overlap_m) AS x
     WHERE x.overlap_m > 0
     ORDER BY o.kind DESC, x.overlap_m DESC, o.id`,
    [...r.params, window.from, window.to, excludeProjectId],
  );
  return res.rows;
}

export interface BuriedSpan {
  id: number;
  from_pole_id: number;
  to_pole_id: number;
}

/**
 * Completion: the project's spans along its route go underground, judged again inside the
 * transaction. Only spans still overhead change, so a span a concurrent project already
 * buried is neither counted twice nor re-dated; RETURNING is the set actually buried.
 */
export async function buryAlong(q: Queryable, projectId: number, on: string): Promise<BuriedSpan[]> {
  const res = await q.query<BuriedSpan>(
    `WITH ${corridorCtes('SELECT 1 AS key, route AS geom, corridor_m FROM burial_projects WHERE id = $1')}
     UPDATE spans s SET status = 'buried', buried_at = $2::date, burial_project_id = $1
     FROM along a WHERE s.id = a.id AND s.status = 'overhead'
     RETURNING s.id, s.from_pole_id, s.to_pole_id`,
    [projectId, on],
  );
  return res.rows;
}

/** The impact as applied: the buried spans by firm, from the spans themselves after the update. */
export async function appliedSpans(q: Queryable, spanIds: number[]): Promise<{ overhead_m: number; firms: FirmImpact[] }> {
  const res = await q.query<{ overhead_m: number; firms: FirmImpact[] }>(
    `WITH a AS (SELECT s.id, s.org_id, ST_Length(s.geom::geography) AS len FROM spans s WHERE s.id = ANY($1::int[]))
     SELECT (SELECT coalesce(sum(len), 0) FROM a)::float8 AS overhead_m,
            ${firmsOf('a')}`,
    [spanIds],
  );
  return res.rows[0]!;
}

/**
 * Standing poles among `poleIds` that no overhead span touches any more: flagged as removal
 * candidates of the project (those already flagged keep their earlier project). Returns every
 * such pole, with `flagged` telling which ones this call changed and their new versions.
 */
export async function flagFreedPoles(q: Queryable, poleIds: number[], projectId: number, on: string): Promise<(FreedPole & { flagged: boolean; version: number })[]> {
  const res = await q.query<FreedPole & { flagged: boolean; version: number }>(
    `WITH freed AS (
       SELECT p.id, p.removal_candidate AS already FROM poles p
       WHERE p.id = ANY($1::int[]) AND p.status <> 'removed'
         AND NOT EXISTS (SELECT 1 FROM spans s WHERE s.from_pole_id = p.id AND s.status = 'overhead')
         AND NOT EXISTS (SELECT 1 FROM spans s WHERE s.to_pole_id = p.id AND s.status = 'overhead')
       FOR UPDATE OF p
     ), flagged AS (
       UPDATE poles p SET removal_candidate = true, removal_candidate_project_id = $2, removal_candidate_since = $3::date,
              version = p.version + 1, updated_at = now()
       FROM freed f WHERE p.id = f.id AND NOT f.already
       RETURNING p.id, p.version
     )
     SELECT p.id, p.code, ST_X(p.geom) AS lng, ST_Y(p.geom) AS lat, (g.id IS NOT NULL) AS flagged, coalesce(g.version, p.version) AS version
     FROM freed f JOIN poles p ON p.id = f.id LEFT JOIN flagged g ON g.id = f.id
     ORDER BY p.id`,
    [poleIds, projectId, on],
  );
  return res.rows;
}
