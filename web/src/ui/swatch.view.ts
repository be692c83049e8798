import { svg } from './dom.builder.ts';

export interface SwatchStyle {
  fill: string | null;
  stroke: string;
  strokeWidth: number;
  dash?: string | null;
  halo?: string | null;
  /** radius in px, before the halo */
  radius?: number;
}

/**
 * A small SVG dot drawn with the same fill/stroke/dash as the canvas markers, so the legend
 * and the filter labels look exactly like what is on the map.
 */
export function swatch(style: SwatchStyle, size = 22): SVGSVGElement {
  const c = size / 2;
  const r = style.radius ?? 6;
  return svg(
    'svg',
    { width: size, height: size, viewBox: `0 0 ${size} ${size}`, 'aria-hidden': 'true', focusable: 'false', class: 'swatch' },
    style.halo ? svg('circle', { cx: c, cy: c, r: Math.min(c, r + 4), fill: style.halo }) : null,
    svg('circle', {
      cx: c,
      cy: c,
      r,
      fill: style.fill ?? 'none',
      stroke: style.stroke,
      'stroke-width': style.strokeWidth,
      'stroke-dasharray': style.dash ?? null,
    }),
  );
}

export interface LineSwatchStyle {
  colour: string;
  width: number;
  dash?: string | null;
  opacity?: number;
}

/** A short line drawn like a map line (a cable, a route), for legends. */
export function lineSwatch(style: LineSwatchStyle, width = 26, height = 14): SVGSVGElement {
  const y = height / 2;
  return svg(
    'svg',
    { width, height, viewBox: `0 0 ${width} ${height}`, 'aria-hidden': 'true', focusable: 'false', class: 'swatch' },
    svg('line', {
      x1: 2,
      y1: y,
      x2: width - 2,
      y2: y,
      stroke: style.colour,
      'stroke-width': style.width,
      'stroke-dasharray': style.dash ?? null,
      'stroke-opacity': style.opacity ?? null,
      'stroke-linecap': style.dash ? 'butt' : 'round',
    }),
  );
}
