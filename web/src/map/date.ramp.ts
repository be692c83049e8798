import { dayNumber } from '../i18n/day.arith.ts';

/**
 * A sequential colour ramp for road works by planned start: the soonest dark brown, the
 * latest light orange. Browns and oranges are free on this map (the firms are red, blue,
 * green and purple), so a road works band never reads as somebody's cable; the ramp stops
 * short of the main roads' yellow.
 */
export const DATE_RAMP = ['#7f2704', '#a63603', '#d94801', '#f16913', '#fd8d3c'] as const;

function hexToRgb(hex: string): [number, number, number] {
  const n = parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

function mix(a: string, b: string, f: number): string {
  const x = hexToRgb(a);
  const y = hexToRgb(b);
  const c = x.map((v, i) => Math.round(v + ((y[i] ?? v) - v) * f));
  return `#${c.map((v) => v.toString(16).padStart(2, '0')).join('')}`;
}

/**
 * The colour of a day within [from, to] ('YYYY-MM-DD'); days outside take the end colours,
 * and an unreadable window gives the middle of the ramp.
 */
export function rampColour(day: string, from: string, to: string): string {
  const start = dayNumber(from);
  const end = dayNumber(to);
  const d = dayNumber(day);
  const span = end - start;
  const share = Number.isFinite(d) && span > 0 ? Math.min(1, Math.max(0, (d - start) / span)) : 0.5;
  const scaled = share * (DATE_RAMP.length - 1);
  const i = Math.min(DATE_RAMP.length - 2, Math.floor(scaled));
  return mix(DATE_RAMP[i]!, DATE_RAMP[i + 1]!, scaled - i);
}

/** The ramp as a CSS gradient, for the legend bar. */
export function rampGradient(): string {
  return `linear-gradient(to right, ${DATE_RAMP.join(', ')})`;
}

