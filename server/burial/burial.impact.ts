import type { Queryable } from '../db/db.types.ts';
import { addDays } from '../http/dates.ts';
import * as repo from './burial.impact.repo.ts';

export type WarningKind = 'road_works_overlap' | 'burial_overlap' | 'no_road_works';

export interface Warning {
  kind: WarningKind;
  id?: number;
  name?: string;
  status?: string;
  planned_start?: string;
  planned_end?: string;
  overlap_m?: number;
  message: string;
}

export interface Impact {
  length_m: number;
  corridor_m: number;
  spans: { count: number; overhead_m: number; ids: number[] };
  firms: repo.FirmImpact[];
  freed_poles: repo.FreedPole[];
  warnings: Warning[];
}

const r2 = (v: number) => Math.round(v * 100) / 100;
const r1 = (v: number) => Math.round(v * 10) / 10;

/** Dates for the dig-once check: the project's planned period, widened by the window on both sides. */
export interface ImpactWindow {
  start: string;
  end: string;
  windowDays: number;
}

/**
 * A crossing touches at most a few corridor widths of route; anything longer runs alongside.
 * Both matter for digging (a crossing is a trench that meets), the words differ.
 */
function how(o: repo.OverlapRow, corridorM: number): string {
  return o.overlap_m <= 3 * corridorM ? `crosses this route (${r1(o.overlap_m)} m within ${corridorM} m)` : `runs along ${r1(o.overlap_m)} m of this route`;
}

function warningsOf(overlaps: repo.OverlapRow[], corridorM: number, w: ImpactWindow): Warning[] {
  const out: Warning[] = overlaps.map((o) => {
    const base = { id: o.id, name: o.name, status: o.status, planned_start: o.planned_start, planned_end: o.planned_end, overlap_m: r1(o.overlap_m) };
    return o.kind === 'road_works'
      ? { kind: 'road_works_overlap' as const, ...base, message: `Road works “${o.name}” (${o.planned_start} – ${o.planned_end}) ${how(o, corridorM)}: dig once and bury the cables while the road is open.` }
      : { kind: 'burial_overlap' as const, ...base, message: `Burial project “${o.name}” (${o.status}) ${how(o, corridorM)}; the two would dig the same ground — merge or re-route them.` };
  });
  if (!out.some((x) => x.kind === 'road_works_overlap')) {
    out.push({
      kind: 'no_road_works',
      message: `No road works are planned along this route between ${addDays(w.start, -w.windowDays)} and ${addDays(w.end, w.windowDays)} (±${w.windowDays} days of its dates); the road would be dug up for the cables alone.`,
    });
  }
  return out;
}

/** Spans, firms, freed poles and dig-once warnings for a route, rounded for people (cm, dm). */
export async function computeImpact(q: Queryable, src: repo.RouteSource, corridorM: number, w: ImpactWindow, excludeProjectId: number | null): Promise<Impact> {
  const window = { from: addDays(w.start, -w.windowDays), to: addDays(w.end, w.windowDays) };
  const [s, overlaps] = await Promise.all([repo.spanImpact(q, src), repo.overlaps(q, src, window, excludeProjectId)]);
  return {
    length_m: r2(s.length_m),
    corridor_m: corridorM,
    spans: { count: s.span_ids.length, overhead_m: r2(s.overhead_m), ids: s.span_ids },
    firms: s.firms.map((f) => ({ ...f, overhead_m: r2(f.overhead_m) })),
    freed_poles: s.freed_poles,
    warnings: warningsOf(overlaps, corridorM, w),
  };
}

/** What completion applied, in the Impact shape, frozen on the project. */
export function appliedImpact(lengthM: number, corridorM: number, spanIds: number[], spans: { overhead_m: number; firms: repo.FirmImpact[] }, freed: repo.FreedPole[]): Impact {
  return {
    length_m: r2(lengthM),
    corridor_m: corridorM,
    spans: { count: spanIds.length, overhead_m: r2(spans.overhead_m), ids: [...spanIds].sort((a, b) => a - b) },
    firms: spans.firms.map((f) => ({ ...f, overhead_m: r2(f.overhead_m) })),
    freed_poles: freed.map(({ id, code, lng, lat }) => ({ id, code, lng, lat })),
    warnings: [],
  };
}
