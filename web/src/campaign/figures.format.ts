import { locale } from '../i18n/i18n.ts';

/**
 * How the campaign pages write their figures. Dates from the server are calendar days in
 * Asia/Shanghai ('YYYY-MM-DD'); they are formatted as UTC so no viewer's clock shifts a day.
 */

/** Measured lengths keep two decimals (4.09); round figures such as targets may drop them (30). */
export function formatKm(km: number, style: 'measured' | 'round' = 'measured'): string {
  return new Intl.NumberFormat(locale(), { minimumFractionDigits: style === 'measured' ? 2 : 0, maximumFractionDigits: 2 }).format(km);
}

/** A share as a percentage; null (no target, nothing to divide by) is the caller's "—". */
export function formatShare(part: number, whole: number | null): string | null {
  if (whole === null || whole <= 0) return null;
  return new Intl.NumberFormat(locale(), { style: 'percent', maximumFractionDigits: 1 }).format(part / whole);
}

function utcDate(day: string): Date | null {
  const date = new Date(`${day}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** '2026-11-30' → 2026年11月30日 / 30 November 2026 */
export function formatDay(day: string): string {
  const date = utcDate(day);
  return date ? new Intl.DateTimeFormat(locale(), { dateStyle: 'long', timeZone: 'UTC' }).format(date) : day;
}

/** '2026-11' → 2026年11月 / November 2026 */
export function formatMonth(month: string): string {
  const date = utcDate(`${month}-01`);
  return date ? new Intl.DateTimeFormat(locale(), { year: 'numeric', month: 'long', timeZone: 'UTC' }).format(date) : month;
}

/** '2026-11' → 2026年11月 / Nov 2026, for axis labels and tooltips where space is short. */
export function formatMonthShort(month: string): string {
  const date = utcDate(`${month}-01`);
  return date ? new Intl.DateTimeFormat(locale(), { year: 'numeric', month: 'short', timeZone: 'UTC' }).format(date) : month;
}

/** '2026-11' → 2026年 / 2026, for the January ticks of a long time axis. */
export function formatYearOf(month: string): string {
  const date = utcDate(`${month}-01`);
  return date ? new Intl.DateTimeFormat(locale(), { year: 'numeric', timeZone: 'UTC' }).format(date) : month.slice(0, 4);
}

/** A length on the ground: metres up to a kilometre (850 米 / 850 m), kilometres beyond (1.23 公里). */
export function formatLength(metres: number): string {
  if (Math.abs(metres) < 1000) return new Intl.NumberFormat(locale(), { style: 'unit', unit: 'meter', maximumFractionDigits: 0 }).format(metres);
  return new Intl.NumberFormat(locale(), { style: 'unit', unit: 'kilometer', minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(metres / 1000);
}
