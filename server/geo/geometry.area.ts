import type { Queryable } from '../db/db.types.ts';
import type { Config } from '../config/config.ts';
import { unprocessable } from '../http/errors.ts';
import { outsideServiceArea } from '../poles/poles.batch.ts';
import { validateGeometry, type GeometryInput, type GeometryRules } from './geometry.input.ts';

/** Every [lng, lat] of a GeoJSON geometry, however deeply its type nests them. */
function vertices(coords: unknown, out: { lng: number; lat: number }[]): void {
  if (!Array.isArray(coords)) return;
  if (typeof coords[0] === 'number') {
    out.push({ lng: coords[0] as number, lat: coords[1] as number });
    return;
  }
  for (const c of coords) vertices(c, out);
}

/**
 * Which of these validated geometries (GeoJSON text, null to skip) leave the city's service
 * area, by index: a line or area counts as inside only when every vertex is, by the same rule
 * as a pole. One query for all of them.
 */
export async function geometriesOutsideServiceArea(q: Queryable, geojsons: readonly (string | null)[], config: Config): Promise<Set<number>> {
  const points: { lng: number; lat: number }[] = [];
  const owner: number[] = [];
  geojsons.forEach((g, i) => {
    if (g === null) return;
    const before = points.length;
    vertices((JSON.parse(g) as { coordinates: unknown }).coordinates, points);
    for (let k = before; k < points.length; k++) owner.push(i);
  });
  const outside = await outsideServiceArea(q, points, config.serviceAreaBbox, config.serviceAreaMarginM);
  return new Set(outside.map((k) => owner[k]!));
}

/**
 * A drawn line or area as stored: valid by validateGeometry's rules and inside the service
 * area. `what` names it in the message ("The route", "The road works").
 */
export async function acceptDrawnGeometry(q: Queryable, g: GeometryInput, rules: GeometryRules, config: Config, what: string): Promise<string> {
  const geojson = await validateGeometry(q, g, rules);
  if ((await geometriesOutsideServiceArea(q, [geojson], config)).size > 0) {
    throw unprocessable('outside_service_area', `${what} leaves the city's service area; positions are [longitude, latitude] in WGS84.`);
  }
  return geojson;
}
