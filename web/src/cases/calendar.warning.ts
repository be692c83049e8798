import { fetchCalendar } from '../api/calendar.api.ts';
import { t } from '../i18n/i18n.ts';
import { currentUser } from '../state/session.store.ts';
import { h } from '../ui/dom.builder.ts';

/** From November on, deadlines start reaching into next year. */
const WARN_FROM_MONTH = 11;

/**
 * A period reaching into a year whose holidays were not entered cannot be counted, so from
 * November (by the server's clock, the one deadlines use) the officers' list says so while next
 * year is missing — before the first order whose deadline crosses New Year is refused.
 * Resolves to that year, or null. A failed check shows nothing: the refusal, if it comes,
 * names the cause itself.
 */
export async function nextYearMissing(): Promise<number | null> {
  try {
    const current = await fetchCalendar(null);
    if (Number(current.today.slice(5, 7)) < WARN_FROM_MONTH) return null;
    const next = await fetchCalendar(current.year + 1);
    return next.entered ? null : next.year;
  } catch {
    return null;
  }
}

/** The warning, with the way to the calendar page for admins. */
export function calendarWarning(year: number): HTMLElement {
  const admin = currentUser()?.role === 'admin';
  return h('p', { class: 'form-message form-message-error calendar-warning', role: 'status', 'data-testid': 'calendar-warning' },
    t('calendar.nextYearMissing', { year: String(year) }),
    admin ? h('a', { href: '/admin.html#/calendar' }, ' ', t('calendar.enterNow'), ' →') : null);
}
