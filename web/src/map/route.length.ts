import { lineString } from '@turf/helpers';
import { length } from '@turf/length';
import type * as L from 'leaflet';

/**
 * A route's length in metres as Turf measures it (great circle on a sphere). The server
 * measures on the WGS84 spheroid; at Liaocheng's latitude the two differ by a few tenths of
 * a percent at most, and the page shows both.
 */
export function routeLengthM(points: readonly L.LatLng[]): number {
  if (points.length < 2) return 0;
  return length(lineString(points.map((p) => [p.lng, p.lat])), { units: 'meters' });
}
