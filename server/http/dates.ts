import { unprocessable } from './errors.ts';

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

/** A planned period as two real days, the end not before the start. */
export function parsePeriod(startName: string, start: string, endName: string, end: string): { start: string; end: string } {
  const s = parseDay(startName, start);
  const e = parseDay(endName, end);
  if (e < s) throw unprocessable('invalid_period', `${endName} (${e}) is before ${startName} (${s}).`);
  if (s < '2000-01-01' || e > '2100-12-31') throw unprocessable('invalid_period', `${startName} and ${endName} must lie between 2000 and 2100.`);
  return { start: s, end: e };
}

/** The day `days` after (or, negative, before) a YYYY-MM-DD day. */
export function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
