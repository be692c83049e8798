import type { ImportPreview } from '../api/imports.types.ts';

/** [[south, west], [north, east]], the shape Leaflet's fitBounds takes. */
export type LatLngBox = [[number, number], [number, number]];

/**
 * The box around the rows that were written (new and updated), read from the cells the
 * server named as longitude and latitude. GeoJSON, KML and Shapefile rows carry no such
 * cells, so they give null and the caller offers no "show on map". GCJ-02 and BD-09 cells
 * are a few hundred metres off WGS84: close enough to frame the poles, which is all this is for.
 */
export function importedBox(preview: ImportPreview): LatLngBox | null {
  const { lng_column: lngCol, lat_column: latCol } = preview;
  if (!lngCol || !latCol) return null;
  let box: LatLngBox | null = null;
  for (const row of preview.rows) {
    if (row.outcome !== 'new' && row.outcome !== 'update') continue;
    const lng = Number(row.values?.[lngCol]);
    const lat = Number(row.values?.[latCol]);
    if (!Number.isFinite(lng) || !Number.isFinite(lat) || Math.abs(lat) > 90 || Math.abs(lng) > 180) continue;
    box = box
      ? [[Math.min(box[0][0], lat), Math.min(box[0][1], lng)], [Math.max(box[1][0], lat), Math.max(box[1][1], lng)]]
      : [[lat, lng], [lat, lng]];
  }
  return box;
}
