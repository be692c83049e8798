import type * as L from 'leaflet';
import type { ProjectStatus } from '../api/burial.types.ts';
import { CHART_COLOURS } from '../charts/chart.palette.ts';

/**
 * How the planning map draws cable, projects and their effects. One place, so the legend's
 * swatches and the map cannot drift apart.
 */

/** Buried cable is grey and dashed: still there, but out of sight and off the poles. */
export const BURIED_SPAN: L.PolylineOptions = { color: '#6b6b66', weight: 2, dashArray: '5 5', opacity: 0.9 };

/**
 * Spans of several firms share a pole pair and would hide one another; each is drawn one
 * band narrower than the one under it, so a four-firm street shows four nested colours.
 */
export function overheadSpanStyle(colour: string, band: number, bands: number): L.PolylineOptions {
  return { color: colour, weight: 2 + 2.5 * (bands - 1 - band), opacity: 0.95, lineCap: 'butt' };
}

/** Spans the drawn route would bury: a dark outline under their firm colours. */
export const AFFECTED_SPAN: L.PolylineOptions = { color: '#111111', opacity: 0.85, lineCap: 'round' };

/** A pole a completed burial left with no overhead cable: flagged as a candidate for pulling out. */
export const FREED_POLE: L.CircleMarkerOptions = { radius: 7, color: '#1f1f1f', weight: 2.5, fillColor: '#ff8a00', fillOpacity: 1 };

/** A pole the route being drawn (or a project not yet completed) would free: the same orange, as a ring. */
export const FREED_PREVIEW: L.CircleMarkerOptions = { radius: 7, color: '#ff8a00', weight: 4, fillColor: '#ffffff', fillOpacity: 1 };

/** Thin and dashed, so the firm colours of the cables under it still show. */
export const ROUTE_LINE: L.PolylineOptions = { color: '#0b57d0', weight: 3, opacity: 1, dashArray: '10 6' };
export const CORRIDOR_COLOUR = '#0b57d0';

export const PROJECT_COLOURS: Record<ProjectStatus, string> = {
  proposed: '#7b61ff',
  approved: '#0b57d0',
  in_progress: '#d97706',
  completed: CHART_COLOURS.buried,
  cancelled: '#8a8a85',
};

export function projectStyle(status: ProjectStatus): L.PolylineOptions {
  return {
    color: PROJECT_COLOURS[status],
    weight: 7,
    opacity: status === 'cancelled' ? 0.6 : 0.85,
    dashArray: status === 'proposed' ? '12 8' : status === 'cancelled' ? '2 8' : undefined,
    lineCap: 'round',
  };
}

/** Metres on the ground per screen pixel at this latitude and zoom (Web Mercator). */
export function metresPerPixel(lat: number, zoom: number): number {
  return (40075016.686 * Math.cos((lat * Math.PI) / 180)) / 2 ** (zoom + 8);
}
