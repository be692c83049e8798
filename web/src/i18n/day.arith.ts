/** Calendar-day arithmetic on 'YYYY-MM-DD' strings, in UTC so no time zone shifts a day. */
const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of a 'YYYY-MM-DD' day; NaN when it cannot be read. */
export function dayNumber(day: string): number {
  const t = Date.parse(`${day}T00:00:00Z`);
  return Number.isNaN(t) ? NaN : t / DAY_MS;
}

/** 'YYYY-MM-DD' n days after `day`. */
export function addDays(day: string, n: number): string {
  return new Date((dayNumber(day) + n) * DAY_MS).toISOString().slice(0, 10);
}
