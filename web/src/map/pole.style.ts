import type { CircleMarkerOptions } from 'leaflet';
import type { Condition, OwnershipStatus, PoleProps } from '../api/api.types.ts';
import type { StyleMode } from '../state/style.store.ts';
import type { SwatchStyle } from '../ui/swatch.view.ts';
import type { Owners } from './owner.colours.ts';

export const CONDITION_COLOURS: Record<Condition, string> = {
  good: '#1a9641',
  // a darker yellow than pure #ff0 so the dot still reads on the pale basemap
  leaning: '#e3bd00',
  damaged: '#f07c00',
  broken: '#d7191c',
  fallen: '#7a0010',
};

/**
 * Ownership mode. Amber and purple are the two states waiting on an officer; black is the
 * state in which the city may pull the pole. None is red, which means "broken" here.
 */
export const OWNERSHIP_COLOURS: Record<OwnershipStatus, string> = {
  unknown: '#a3a8ad',
  claimed: '#f0a30a',
  disputed: '#8e44ad',
  confirmed: '#1e8a4c',
  presumed_abandoned: '#111111',
};

// condition and ownership modes: a value the catalogue does not know yet still gets a visible dot
const OTHER_FILL = '#8a8a85';
const OUTLINE = '#2d2d2a';
const ORPHAN_OUTLINE = '#111111';
const ORPHAN_DASH = '4 3';
const BROKEN_HALO = '#d7191c';
const HALO_OPACITY = 0.3;

export function isBroken(condition: Condition): boolean {
  return condition === 'broken' || condition === 'fallen';
}

/**
 * One description of a dot, rendered both as a canvas circle and as a legend swatch, so the
 * legend cannot drift from the map.
 */
export interface DotStyle {
  radius: number;
  fill: string | null;
  stroke: string;
  weight: number;
  dash: string | null;
  /** a translucent red disc under the dot, for broken and fallen poles */
  halo: string | null;
}

/** Dots grow a little with zoom so they stay easy to hit on a phone. */
function baseRadius(zoom: number): number {
  if (zoom >= 18) return 7;
  if (zoom >= 17) return 6;
  return 5;
}

export function dotStyle(
  pole: Pick<PoleProps, 'condition' | 'owner_code' | 'ownership_status'>,
  mode: StyleMode,
  owners: Owners,
  zoom: number,
): DotStyle {
  const broken = isBroken(pole.condition);
  const orphan = pole.owner_code === null;
  // Broken and orphan poles are what this tool exists to find: in both modes they are
  // bigger, and marked by shape (halo, dashed ring) rather than by colour alone.
  let radius = baseRadius(zoom);
  if (broken) radius += 3;
  else if (orphan) radius += 2;

  let fill: string | null;
  if (mode === 'condition') fill = CONDITION_COLOURS[pole.condition] ?? OTHER_FILL;
  else if (mode === 'ownership') fill = OWNERSHIP_COLOURS[pole.ownership_status] ?? OTHER_FILL;
  else fill = pole.owner_code === null ? null : owners.colour(pole.owner_code);

  return {
    radius,
    fill,
    stroke: orphan ? ORPHAN_OUTLINE : OUTLINE,
    weight: orphan ? 3 : broken ? 2 : 1,
    dash: orphan ? ORPHAN_DASH : null,
    halo: broken ? BROKEN_HALO : null,
  };
}

export function markerOptions(style: DotStyle): CircleMarkerOptions {
  return {
    radius: style.radius,
    color: style.stroke,
    weight: style.weight,
    opacity: 1,
    dashArray: style.dash ?? undefined,
    // Round caps would grow each dash into the gap and close the ring; butt caps keep it dashed.
    lineCap: style.dash ? 'butt' : 'round',
    fill: style.fill !== null,
    fillColor: style.fill ?? undefined,
    fillOpacity: 0.92,
  };
}

export function haloOptions(style: DotStyle): CircleMarkerOptions | null {
  if (!style.halo) return null;
  return { radius: style.radius + 6, stroke: false, fill: true, fillColor: style.halo, fillOpacity: HALO_OPACITY, interactive: false };
}

export function swatchStyle(style: DotStyle): SwatchStyle {
  return {
    radius: Math.min(style.radius, 7),
    fill: style.fill,
    stroke: style.stroke,
    strokeWidth: style.weight,
    dash: style.dash,
    halo: style.halo ? `rgba(215, 25, 28, ${HALO_OPACITY})` : null,
  };
}
