import { badRequest, unprocessable } from './errors.ts';

/** Today's calendar date in Asia/Shanghai, where every deadline and removal day is reckoned. */
export function shanghaiToday(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** A real calendar day as YYYY-MM-DD: 2026-02-30 is refused, not rolled into March. */
export function parseDay(name: string, raw: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(raw);
  const d = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
  if (!m || !d || d.getUTCFullYear() !== Number(m[1]) || d.getUTCMonth() !== Number(m[2]) - 1 || d.getUTCDate() !== Number(m[3])) {
    throw unprocessable('invalid_date', `${name} must be a real date written YYYY-MM-DD (got "${raw}").`);
  }
  return raw;
}

/** A `year` query parameter (2000–2100); absent means the current year in Asia/Shanghai. */
export function parseYear(raw: string | undefined, now: Date): number {
  if (raw === undefined || raw === '') return Number(shanghaiToday(now).slice(0, 4));
  if (!/^\d{4}$/.test(raw) || Number(raw) < 2000 || Number(raw) > 2100) throw badRequest('invalid_year', 'year must be a four-digit year from 2000 to 2100.');
  return Number(raw);
}
