import { unprocessable } from '../http/errors.ts';

/** Further than this from its pole, a photo may well show another pole. */
export const FAR_FROM_POLE_M = 50;
/** Camera clocks drift; a few minutes ahead of ours is not a forgery. */
export const FUTURE_TOLERANCE_MS = 5 * 60_000;

export const FLAGS = ['no_gps', 'far_from_pole', 'no_time', 'time_in_future', 'time_before_case'] as const;
export type Flag = (typeof FLAGS)[number];

export interface CasePole {
  pole_id: number;
  /** From the photo's GPS position, on the geography; null when the photo has none. */
  distance_m: number | null;
}

/**
 * The pole a photo is measured against: the one the uploader names (it must be one of the
 * case's), else the case pole nearest to where the photo was taken, else the first one.
 */
export function choosePole(poles: readonly CasePole[], requested: number | null): CasePole | null {
  if (requested !== null) {
    const named = poles.find((p) => p.pole_id === requested);
    if (!named) throw unprocessable('pole_not_in_case', `Pole ${requested} is not one of this case's poles; name one of: ${poles.map((p) => p.pole_id).join(', ') || 'none'}.`);
    return named;
  }
  const measured = poles.filter((p) => p.distance_m !== null);
  if (measured.length > 0) return measured.reduce((a, b) => (b.distance_m! < a.distance_m! ? b : a));
  return poles[0] ?? null;
}

/** Why a photo cannot vouch for itself. It is kept either way; an officer weighs the flags. */
export function flagsFor(f: { located: boolean; distanceM: number | null; takenAt: Date | null; caseCreatedAt: Date; now: Date }): Flag[] {
  const flags: Flag[] = [];
  if (!f.located) flags.push('no_gps');
  if (f.distanceM !== null && f.distanceM > FAR_FROM_POLE_M) flags.push('far_from_pole');
  if (!f.takenAt) flags.push('no_time');
  else {
    if (f.takenAt.getTime() > f.now.getTime() + FUTURE_TOLERANCE_MS) flags.push('time_in_future');
    if (f.takenAt.getTime() < f.caseCreatedAt.getTime()) flags.push('time_before_case');
  }
  return flags;
}
