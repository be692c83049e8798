import type { PoleRow } from './poles.repo.ts';
import type { PolePermissions } from './poles.access.ts';

/** One pole as a GeoJSON Feature, with what the caller may do with it. */
export function toFeature(p: PoleRow, permissions: PolePermissions) {
  const { lng, lat, id, ...props } = p;
  return { type: 'Feature' as const, id, geometry: { type: 'Point' as const, coordinates: [lng, lat] }, properties: { id, ...props, permissions } };
}
