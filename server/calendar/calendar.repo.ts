import type { Queryable } from '../db/db.types.ts';
import type { DayKind } from './calendar.rules.ts';

export interface CalendarDay {
  day: string;
  kind: DayKind;
  name_zh: string;
  name_en: string;
}

export async function daysOfYear(q: Queryable, year: number): Promise<CalendarDay[]> {
  return (await q.query<CalendarDay>(
    `SELECT day, kind, name_zh, name_en FROM calendar_days WHERE day >= make_date($1, 1, 1) AND day < make_date($1 + 1, 1, 1) ORDER BY day`,
    [year],
  )).rows;
}

/** The listed holidays and make-up days between two days, both included. */
export async function exceptionsBetween(q: Queryable, from: string, to: string): Promise<Map<string, DayKind>> {
  const res = await q.query<{ day: string; kind: DayKind }>('SELECT day, kind FROM calendar_days WHERE day BETWEEN $1::date AND $2::date', [from, to]);
  return new Map(res.rows.map((r) => [r.day, r.kind]));
}

export async function enteredYears(q: Queryable, years: number[]): Promise<number[]> {
  return (await q.query<{ year: number }>('SELECT year FROM calendar_years WHERE year = ANY($1::int[]) ORDER BY year', [years])).rows.map((r) => r.year);
}

/** Replaces one year's exceptions in one go and marks the year as entered. */
export async function replaceYear(q: Queryable, year: number, days: CalendarDay[], by: string): Promise<{ removed: number }> {
  const removed = await q.query('DELETE FROM calendar_days WHERE day >= make_date($1, 1, 1) AND day < make_date($1 + 1, 1, 1)', [year]);
  await q.query(
    `INSERT INTO calendar_days (day, kind, name_zh, name_en)
     SELECT d.day, d.kind, d.name_zh, d.name_en FROM jsonb_to_recordset($1::jsonb) AS d(day date, kind text, name_zh text, name_en text)`,
    [JSON.stringify(days)],
  );
  await q.query(
    `INSERT INTO calendar_years (year, entered_by) VALUES ($1, $2)
     ON CONFLICT (year) DO UPDATE SET entered_by = EXCLUDED.entered_by, entered_at = now()`,
    [year, by],
  );
  return { removed: removed.rowCount };
}
