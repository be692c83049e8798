import { getJson, sendJson } from './api.client.ts';

/** A holiday (放假) or a make-up working day on a weekend (调休上班). */
export interface CalendarDay {
  day: string;
  kind: 'holiday' | 'workday';
  name_zh: string;
  name_en: string;
}

export interface CalendarYear {
  year: number;
  /** whether the year was entered at all: periods reaching into a year not entered cannot be counted */
  entered: boolean;
  days: CalendarDay[];
  /** the server's today (Asia/Shanghai), YYYY-MM-DD */
  today: string;
}

/** A year's calendar; null asks for the server's current year. */
export async function fetchCalendar(year: number | null, signal?: AbortSignal): Promise<CalendarYear> {
  return (await getJson<CalendarYear>(year === null ? '/api/calendar' : `/api/calendar?year=${encodeURIComponent(year)}`, signal)).body;
}

/** Replaces the year's days as a whole (admins). */
export async function saveCalendar(year: number, days: CalendarDay[]): Promise<CalendarYear> {
  return (await sendJson<CalendarYear>('PUT', `/api/calendar/${encodeURIComponent(year)}`, { days })).body;
}
