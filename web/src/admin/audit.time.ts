/**
 * The audit filter's times are typed in Beijing time, whatever the browser's own zone, to
 * match how every time on these pages is shown. China has no daylight saving: +08:00 always.
 */
const OFFSET = '+08:00';

/** "2026-11-29T08:30" (a datetime-local value) → "2026-11-29T08:30:00+08:00"; '' → undefined. */
export function shanghaiInputToIso(value: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)) return undefined;
  return `${value.slice(0, 16)}:00${OFFSET}`;
}
