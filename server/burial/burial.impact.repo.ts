import type { Queryable } from '../db/db.types.ts';
import { corridorCtes } from './burial.corridor.ts';

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
         AND NOT EXISTS (SELECT 1 FROM spans s WHERE s.status = 'overhead' AND (s.from_pole_id = p.id OR s.to_pole_id = p.id))
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
