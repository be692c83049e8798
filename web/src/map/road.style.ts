import type { PathOptions } from 'leaflet';
import type { RoadKind } from '../api/api.types.ts';

interface RoadLook {
  casing: PathOptions | null;
  line: PathOptions;
}

// Offline, the roads are the whole basemap, so they get casings and real widths. Over online
// tiles they only need to mark which roads are in our data, so they go thin and translucent.
const OFFLINE: Record<RoadKind, RoadLook> = {
  main_road: { casing: { color: '#c58b2b', weight: 8 }, line: { color: '#f6c35b', weight: 6 } },
  street: { casing: { color: '#b3b3ad', weight: 5.5 }, line: { color: '#ffffff', weight: 3.5 } },
  alley: { casing: null, line: { color: '#7d7d78', weight: 1.6, dashArray: '5 4' } },
  compound_lane: { casing: null, line: { color: '#9a9a94', weight: 1.2 } },
};

const OVER_TILES: Record<RoadKind, RoadLook> = {
  main_road: { casing: null, line: { color: '#d9902a', weight: 3, opacity: 0.75 } },
  street: { casing: null, line: { color: '#6f6f6a', weight: 2, opacity: 0.6 } },
  alley: { casing: null, line: { color: '#6f6f6a', weight: 1, opacity: 0.6, dashArray: '4 3' } },
  compound_lane: { casing: null, line: { color: '#6f6f6a', weight: 0.8, opacity: 0.6 } },
};

/** Roads thin out when zoomed out so the city outline stays legible. */
function zoomFactor(zoom: number): number {
  if (zoom < 12) return 0.5;
  if (zoom < 14) return 0.75;
  return 1;
}

function scaled(style: PathOptions, factor: number): PathOptions {
  return { ...style, weight: Math.max(0.8, (style.weight ?? 1) * factor), lineCap: 'round', lineJoin: 'round' };
}

export function roadStyle(kind: RoadKind, overTiles: boolean, zoom: number): RoadLook {
  const look = (overTiles ? OVER_TILES : OFFLINE)[kind] ?? OFFLINE.street;
  const factor = zoomFactor(zoom);
  return { casing: look.casing ? scaled(look.casing, factor) : null, line: scaled(look.line, factor) };
}

/** Drawing order: small roads first so main roads sit on top where they cross. */
export const ROAD_DRAW_ORDER: readonly RoadKind[] = ['compound_lane', 'alley', 'street', 'main_road'];
