import { badRequest } from './errors.ts';
import type { Bbox } from '../config/config.ts';

const DECIMAL = /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/;

/** Parses `minLng,minLat,maxLng,maxLat`; anything else is the caller's addressing error (400). */
export function parseBbox(raw: string): Bbox {
  const parts = raw.split(',');
  if (parts.length !== 4) throw badRequest('invalid_bbox', `bbox must be 4 numbers minLng,minLat,maxLng,maxLat (got ${parts.length}).`);
  // Plain decimals only: Number() would also take '0x10', ' ' or 'Infinity'.
  const nums = parts.map((p) => (DECIMAL.test(p) ? Number(p) : NaN));
  if (nums.some((n) => !Number.isFinite(n))) throw badRequest('invalid_bbox', 'bbox values must be plain numbers.');
  const [minLng, minLat, maxLng, maxLat] = nums as Bbox;
  if (minLng < -180 || maxLng > 180 || minLat < -90 || maxLat > 90) {
    throw badRequest('invalid_bbox', 'bbox is outside −180…180 / −90…90; it is minLng,minLat,maxLng,maxLat.');
  }
  if (minLng > maxLng || minLat > maxLat) throw badRequest('invalid_bbox', 'bbox minimum is greater than its maximum.');
  return [minLng, minLat, maxLng, maxLat];
}
