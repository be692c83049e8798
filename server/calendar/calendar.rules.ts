/**
 * Working-day arithmetic on the official calendar, with no SQL and no clock, so it can be read
 * against the State Council's holiday notice. Days are 'YYYY-MM-DD' strings: a calendar day in
 * Asia/Shanghai has no time zone left to shift, so the arithmetic runs in UTC on purpose.
 */
export type DayKind = 'holiday' | 'workday';

const DAY_MS = 86_400_000;
const toUtc = (day: string) => Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)));
const fromUtc = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export function addDays(day: string, n: number): string {
  return fromUtc(toUtc(day) + n * DAY_MS);
}

export const yearOf = (day: string) => Number(day.slice(0, 4));

/**
 * A listed holiday is off even on a weekday; a listed make-up day (调休上班) is worked even on a
 * weekend; any other day is worked Monday to Friday.
 */
export function isWorkingDay(day: string, exceptions: ReadonlyMap<string, DayKind>): boolean {
  const kind = exceptions.get(day);
  if (kind) return kind === 'workday';
  const weekday = new Date(toUtc(day)).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/**
 * The day on which a period of n working days ends when it starts on `from`: counting begins
 * the day after (the day of service itself is not counted), and the last day counted is the
 * answer. `from` + 1 working day on the eve of National Day 2026 is therefore 2026-10-08.
 */
export function addWorkingDays(from: string, n: number, exceptions: ReadonlyMap<string, DayKind>): string {
  let day = from;
  for (let counted = 0; counted < n; ) {
    day = addDays(day, 1);
    if (isWorkingDay(day, exceptions)) counted++;
  }
  return day;
}

/** Enough calendar days to hold n working days even across the longest holiday runs. */
export const windowFor = (n: number) => n * 3 + 60;

/** The years a period from `from` to `until` counts days in (the start day itself is not counted). */
export function yearsCounted(from: string, until: string): number[] {
  const years: number[] = [];
  for (let y = yearOf(addDays(from, 1)); y <= yearOf(until); y++) years.push(y);
  return years;
}
