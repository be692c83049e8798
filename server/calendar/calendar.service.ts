import type { Db, Queryable } from '../db/db.types.ts';
import { badRequest, unprocessable } from '../http/errors.ts';
import { parseDay, parseYear, shanghaiToday } from '../http/dates.ts';
import type { RequestContext } from '../http/request.context.ts';
import { actorLabel } from '../auth/principal.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { addDays, addWorkingDays, isWorkingDay, windowFor, yearOf, yearsCounted } from './calendar.rules.ts';
import * as repo from './calendar.repo.ts';

/**
 * The working-day calendar of Asia/Shanghai: weekends, plus the holidays and make-up days an
 * admin enters each year from the State Council's notice. A period that would count days in a
 * year nobody has entered is refused rather than guessed from weekends alone.
 */
export class CalendarService {
  constructor(
    private readonly db: Db,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async year(rawYear: string | undefined) {
    const year = parseYear(rawYear, this.now());
    const [entered, days] = await Promise.all([repo.enteredYears(this.db, [year]), repo.daysOfYear(this.db, year)]);
    // Today by the server's clock (Asia/Shanghai), so clients warn about next year on the same clock the deadlines use.
    return { year, entered: entered.length > 0, days, today: shanghaiToday(this.now()) };
  }

  /** The last day of a period of `days` working days starting on `from` (see calendar.rules). */
  async addWorkingDays(from: string, days: number, q: Queryable = this.db): Promise<string> {
    const exceptions = await repo.exceptionsBetween(q, addDays(from, 1), addDays(from, windowFor(days)));
    const until = addWorkingDays(from, days, exceptions);
    const years = yearsCounted(from, until);
    const entered = new Set(await repo.enteredYears(q, years));
    const missing = years.filter((y) => !entered.has(y));
    if (missing.length > 0) {
      throw unprocessable('calendar_year_missing',
        `The working-day calendar for ${missing.join(', ')} has not been entered, so a period of ${days} working days from ${from} cannot be counted. An admin must first enter that year's holidays and make-up working days (PUT /api/calendar/${missing[0]}).`,
        { from, days, missing_years: missing });
    }
    return until;
  }

  async addWorkingDaysQuery(query: { from?: string; days?: string }) {
    if (!query.from) throw badRequest('from_required', 'from is required, written YYYY-MM-DD.');
    const from = parseDay('from', query.from);
    if (!query.days || !/^\d{1,3}$/.test(query.days) || Number(query.days) < 1 || Number(query.days) > 365) {
      throw badRequest('invalid_days', 'days must be a whole number of working days from 1 to 365.');
    }
    const days = Number(query.days);
    return { from, days, date: await this.addWorkingDays(from, days) };
  }

  async replace(rawYear: string, days: repo.CalendarDay[], ctx: RequestContext) {
    const year = parseYear(rawYear, this.now());
    const seen = new Set<string>();
    for (const d of days) {
      parseDay('day', d.day);
      if (yearOf(d.day) !== year) throw unprocessable('day_outside_year', `${d.day} is not in ${year}; send each year's days to its own URL.`);
      if (seen.has(d.day)) throw unprocessable('duplicate_day', `${d.day} is listed twice.`);
      seen.add(d.day);
      // A make-up day only means something on a weekend; on a weekday it is a typo.
      if (d.kind === 'workday' && isWorkingDay(d.day, new Map())) {
        throw unprocessable('workday_not_weekend', `${d.day} is a weekday already; a make-up working day (调休上班) falls on a Saturday or Sunday.`);
      }
    }
    const sorted = [...days].sort((a, b) => a.day.localeCompare(b.day));
    return this.db.tx(async (q) => {
      const before = await repo.daysOfYear(q, year);
      await repo.replaceYear(q, year, sorted, actorLabel(ctx.principal));
      await recordAudit(q, ctx, { action: 'calendar.replace', entityType: 'calendar_year', entityId: year, before: { days: before }, after: { days: sorted } });
      return { year, entered: true, days: await repo.daysOfYear(q, year), today: shanghaiToday(this.now()) };
    });
  }
}
