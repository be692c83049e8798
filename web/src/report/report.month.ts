import type { MonthFigures } from '../api/dashboard.types.ts';

/** Which month a report is about, and that month's figures out of the monthly series. */

export interface MonthRequest {
  /** 'YYYY-MM', or null for "the current month" (known once the server says what today is) */
  month: string | null;
  /** what was asked for when it could not be understood, to say so */
  invalid: string | null;
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function monthFromUrl(): MonthRequest {
  const raw = new URLSearchParams(window.location.search).get('month');
  if (raw === null || raw === '') return { month: null, invalid: null };
  return MONTH.test(raw) ? { month: raw, invalid: null } : { month: null, invalid: raw };
}

export type MonthStatus = 'complete' | 'partial' | 'future';

export function monthStatus(month: string, asOf: string): MonthStatus {
  const current = asOf.slice(0, 7);
  if (month > current) return 'future';
  return month === current ? 'partial' : 'complete';
}

export interface MonthSummary {
  removed: number;
  km: number;
  /** from January of the month's year to the end of the month */
  yearRemoved: number;
  yearKm: number;
  /** all time, at the end of the month */
  totalRemoved: number;
  totalKm: number;
}

/** Sums the series up to `month`; months the series does not reach count as nothing done. */
export function summariseMonth(series: readonly MonthFigures[], month: string): MonthSummary {
  const year = month.slice(0, 4);
  const summary: MonthSummary = { removed: 0, km: 0, yearRemoved: 0, yearKm: 0, totalRemoved: 0, totalKm: 0 };
  for (const s of series) {
    if (s.month > month) break;
    summary.totalRemoved = s.cumulative_removed;
    summary.totalKm = s.cumulative_km;
    if (s.month.startsWith(year)) {
      summary.yearRemoved += s.removed;
      summary.yearKm += s.km;
    }
    if (s.month === month) {
      summary.removed = s.removed;
      summary.km = s.km;
    }
  }
  return summary;
}
