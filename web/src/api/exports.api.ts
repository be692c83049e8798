import type { Bbox } from './api.types.ts';
import { filterParams, formatBbox, type PoleFilters } from './poles.query.ts';

export type ExportFormat = 'geojson' | 'csv' | 'kml';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['geojson', 'csv', 'kml'];

/** The download address for what the map shows: the same filters /api/poles gets, plus the view. */
export function exportUrl(format: ExportFormat, bbox: Bbox | null, filters: PoleFilters): string {
  const params = filterParams(filters);
  if (bbox) params.set('bbox', formatBbox(bbox));
  const query = params.toString();
  return `/api/exports/poles.${format}${query ? `?${query}` : ''}`;
}
