import { locale } from './i18n.ts';

// Every time in the domain is reckoned in Asia/Shanghai (deadlines, removals), whatever the
// viewer's own clock says, so the panel always formats in that zone.
const ZONE = 'Asia/Shanghai';

/** "2024-05-03 14:07" in Beijing time; the field label carries the zone name. */
export function formatShanghai(iso: string | null | undefined): string | null {
  if (!iso) return null;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const parts = new Intl.DateTimeFormat(locale(), {
    timeZone: ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === type)?.value ?? '';
  // Built from parts so both languages show the same unambiguous ISO-like order.
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}`;
}

/**
 * The calendar day in Asia/Shanghai, 'YYYY-MM-DD': "today" for a removal's date, or the day a
 * pole was pulled from its removed_at instant. Late at night in Europe it is already tomorrow here.
 */
export function shanghaiDay(instant: Date | string = new Date()): string {
  const date = typeof instant === 'string' ? new Date(instant) : instant;
  // en-CA writes dates as YYYY-MM-DD, which is exactly the API's day format.
  return new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(date);
}
