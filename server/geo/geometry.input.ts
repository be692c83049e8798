import type { Queryable } from '../db/db.types.ts';
import { DomainError, unprocessable } from '../http/errors.ts';

/**
 * Lines and areas drawn by people (burial routes, road works, notice areas) come in as GeoJSON.
 * Structure is checked here in TypeScript, so the common mistakes get precise messages; validity
 * (self-intersection, spikes) is PostGIS's call, and its reason is passed on verbatim.
 */
export type GeometryKind = 'LineString' | 'MultiLineString' | 'Polygon' | 'MultiPolygon';

export interface GeometryInput {
  type: string;
  coordinates: unknown;
}

export interface GeometryRules {
  allowed: readonly GeometryKind[];
  /** Beyond this the input is a mistake or an attack, not a survey. */
  maxVertices?: number;
}

const DEFAULT_MAX_VERTICES = 20000;

function checkPosition(p: unknown, where: string): void {
  if (!Array.isArray(p) || p.length < 2 || p.length > 3 || !p.every((v) => typeof v === 'number' && Number.isFinite(v))) {
    throw unprocessable('invalid_coordinates', `${where}: a position is [longitude, latitude] with plain numbers.`);
  }
  const [lng, lat] = p as number[];
  if (lat! < -90 || lat! > 90) throw unprocessable('latitude_out_of_range', `${where}: latitude ${lat} is outside −90…90; were longitude and latitude swapped?`);
  if (lng! < -180 || lng! > 180) throw unprocessable('longitude_out_of_range', `${where}: longitude ${lng} is outside −180…180.`);
}

function checkLine(line: unknown, where: string, counter: { n: number; max: number }): void {
  if (!Array.isArray(line) || line.length < 2) throw unprocessable('invalid_geometry', `${where}: a line needs at least 2 positions.`);
  counter.n += line.length;
  if (counter.n > counter.max) throw new DomainError('too_many_vertices', 422, `The geometry has more than ${counter.max} vertices; simplify it first.`);
  line.forEach((p, i) => checkPosition(p, `${where}[${i}]`));
}

function checkRing(ring: unknown, where: string, counter: { n: number; max: number }): void {
  checkLine(ring, where, counter);
  const r = ring as number[][];
  if (r.length < 4) throw unprocessable('invalid_geometry', `${where}: a polygon ring needs at least 4 positions (the first repeated at the end).`);
  const a = r[0]!;
  const b = r[r.length - 1]!;
  if (a[0] !== b[0] || a[1] !== b[1]) throw unprocessable('ring_not_closed', `${where}: the ring is not closed; its last position must equal its first.`);
}

function checkStructure(g: GeometryInput, rules: GeometryRules): void {
  if (!rules.allowed.includes(g.type as GeometryKind)) {
    throw unprocessable('wrong_geometry_type', `Expected ${rules.allowed.join(' or ')}, got ${String(g.type)}.`);
  }
  const counter = { n: 0, max: rules.maxVertices ?? DEFAULT_MAX_VERTICES };
  const list = (v: unknown, where: string): unknown[] => {
    if (!Array.isArray(v) || v.length === 0) throw unprocessable('invalid_geometry', `${where} must be a non-empty array.`);
    return v;
  };
  const c = g.coordinates;
  switch (g.type) {
    case 'LineString':
      return checkLine(c, 'coordinates', counter);
    case 'MultiLineString':
      return list(c, 'coordinates').forEach((l, i) => checkLine(l, `coordinates[${i}]`, counter));
    case 'Polygon':
      return list(c, 'coordinates').forEach((r, i) => checkRing(r, `coordinates[${i}]`, counter));
    case 'MultiPolygon':
      return list(c, 'coordinates').forEach((poly, i) => list(poly, `coordinates[${i}]`).forEach((r, j) => checkRing(r, `coordinates[${i}][${j}]`, counter)));
  }
}

/** One geometry that failed, by its position in the list given to validateGeometries. */
export interface GeometryProblem {
  index: number;
  error: DomainError;
}

/**
 * Validates many geometries in one round trip (imports): structure in TypeScript, validity and
 * simplicity in one SQL statement over the whole list. Returns 2D WGS84 GeoJSON text for each
 * valid geometry (null where it failed) and the problem of each one that failed.
 */
export async function validateGeometries(q: Queryable, list: readonly GeometryInput[], rules: GeometryRules): Promise<{ geojson: (string | null)[]; problems: GeometryProblem[] }> {
  const problems: GeometryProblem[] = [];
  const ok: number[] = [];
  list.forEach((g, index) => {
    try {
      checkStructure(g, rules);
      ok.push(index);
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      problems.push({ index, error: err });
    }
  });
  const geojson: (string | null)[] = list.map(() => null);
  if (ok.length > 0) {
    const res = await q.query<{ i: number; valid: boolean; reason: string; geojson: string; simple: boolean }>(
      `WITH g AS (
         SELECT t.i, ST_Force2D(ST_SetSRID(ST_GeomFromGeoJSON(t.doc), 4326)) AS geom FROM unnest($1::int[], $2::text[]) AS t(i, doc)
       ), r AS (SELECT i, geom, ST_AsGeoJSON(geom, 7) AS geojson FROM g)
       SELECT i, ST_IsValid(geom) AS valid, ST_IsValidReason(geom) AS reason, geojson,
              -- judged on the rounded coordinates that will be stored
              (GeometryType(geom) NOT LIKE '%LINESTRING' OR ST_IsSimple(ST_GeomFromGeoJSON(geojson))) AS simple
       FROM r ORDER BY i`,
      [ok, ok.map((i) => JSON.stringify({ type: list[i]!.type, coordinates: list[i]!.coordinates }))],
    );
    for (const row of res.rows) {
      if (!row.valid) problems.push({ index: row.i, error: unprocessable('invalid_geometry', `The geometry is not valid: ${row.reason}.`, { reason: row.reason }) });
      // A route that crosses itself is valid to OGC but never a real cable path.
      else if (!row.simple) problems.push({ index: row.i, error: unprocessable('self_intersecting', 'The line crosses itself; draw the route without loops or crossings.') });
      else geojson[row.i] = row.geojson;
    }
  }
  problems.sort((a, b) => a.index - b.index);
  return { geojson, problems };
}

/**
 * Validates a drawn geometry and returns it as 2D WGS84 GeoJSON text ready for
 * ST_GeomFromGeoJSON. Z values are dropped, as for poles.
 */
export async function validateGeometry(q: Queryable, g: GeometryInput, rules: GeometryRules): Promise<string> {
  const { geojson, problems } = await validateGeometries(q, [g], rules);
  if (problems[0]) throw problems[0].error;
  return geojson[0]!;
}
