import gcoordModule from 'gcoord';

// gcoord ships CommonJS whose typings declare an ES default export; at run time Node hands
// us module.exports itself. Normalise once so both the types and the runtime agree.
type Gcoord = (typeof gcoordModule)['default'];
const gcoord: Gcoord = (gcoordModule as unknown as { default?: Gcoord }).default ?? (gcoordModule as unknown as Gcoord);
import { unprocessable } from '../http/errors.ts';
import type { InputCrs } from './poles.enums.ts';

export interface LngLat {
  lng: number;
  lat: number;
}

/** 7 decimals is about 1 cm: finer digits are survey noise, so every input is rounded the same way. */
const PRECISION = 1e7;
const round = (v: number) => Math.round(v * PRECISION) / PRECISION;

/**
 * Turns a GeoJSON position into a WGS84 point. The schema has already made sure the
 * values are numbers; this checks what a schema cannot say. A third value (height) is
 * dropped, consistently, because the registry is 2D.
 */
export function positionToWgs84(coordinates: readonly number[], crs: InputCrs = 'wgs84'): LngLat {
  const [lng, lat] = coordinates as [number, number];
  if (!Number.isFinite(lng) || !Number.isFinite(lat)) throw unprocessable('invalid_coordinates', 'Coordinates must be finite numbers [longitude, latitude].');
  if (lat < -90 || lat > 90) {
    throw unprocessable(
      'latitude_out_of_range',
      `Latitude ${lat} is outside −90…90. Positions are [longitude, latitude]; were they swapped?`,
    );
  }
  if (lng < -180 || lng > 180) throw unprocessable('longitude_out_of_range', `Longitude ${lng} is outside −180…180.`);
  if (crs === 'gcj02' || crs === 'bd09') {
    const from = crs === 'gcj02' ? gcoord.GCJ02 : gcoord.BD09;
    const [x, y] = gcoord.transform([lng, lat], from, gcoord.WGS84) as [number, number];
    return { lng: round(x), lat: round(y) };
  }
  // CGCS2000 differs from WGS84 by centimetres: stored as is, its origin recorded.
  return { lng: round(lng), lat: round(lat) };
}
