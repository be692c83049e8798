import type { Organisation } from '../api/api.types.ts';
import { lang } from '../i18n/i18n.ts';

// Used only when the server has no colour for a carrier. Red is deliberately absent: red
// means "broken" on this map and must not be confused with an owner.
const FALLBACK = ['#1f6fb4', '#2e9444', '#7446a8', '#b5651d', '#0f8b8d', '#5e6b7a'];

/** Colour for owners the legend does not list (e.g. a housing office). */
export const OTHER_OWNER_COLOUR = '#8a8a85';

function rgb(hex: string): [number, number, number] | null {
  const m = /^#([0-9a-f]{6})$/i.exec(hex.trim());
  if (!m?.[1]) return null;
  const n = parseInt(m[1], 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** Plain RGB distance: crude, but enough to keep two blues from being handed out together. */
function colourDistance(a: string, b: string): number {
  const x = rgb(a);
  const y = rgb(b);
  if (!x || !y) return Infinity;
  return Math.hypot(x[0] - y[0], x[1] - y[1], x[2] - y[2]);
}

/** Organisation lookups shared by the styling, the legend and the owner filter. */
export class Owners {
  private readonly byCode = new Map<string, Organisation>();
  private readonly colours = new Map<string, string>();

  constructor(readonly all: readonly Organisation[]) {
    for (const org of all) {
      this.byCode.set(org.code, org);
      if (org.colour) this.colours.set(org.code, org.colour);
    }
    // A fallback must not look like a colour the server already gave another firm.
    const taken = [...this.colours.values()];
    const free = FALLBACK.filter((c) => taken.every((t) => colourDistance(c, t) > 90));
    let next = 0;
    for (const org of all) {
      if (org.kind !== 'carrier' || this.colours.has(org.code)) continue;
      const colour = free[next] ?? FALLBACK[next % FALLBACK.length] ?? OTHER_OWNER_COLOUR;
      next += 1;
      this.colours.set(org.code, colour);
    }
  }

  /** The four firms (and any future one) in server order: legend and filter list these. */
  carriers(): Organisation[] {
    return this.all.filter((o) => o.kind === 'carrier');
  }

  colour(code: string): string {
    return this.colours.get(code) ?? OTHER_OWNER_COLOUR;
  }

  /** For records that carry the organisation's id (history written by the database). */
  nameById(id: number): string {
    const org = this.all.find((o) => o.id === id);
    return org ? this.name(org.code) : String(id);
  }

  name(code: string): string {
    const org = this.byCode.get(code);
    if (!org) return code;
    return lang() === 'zh' ? org.name_zh : org.name_en || org.name_zh;
  }
}
