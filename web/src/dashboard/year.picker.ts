import { t } from '../i18n/i18n.ts';
import { h } from '../ui/dom.builder.ts';

/** The year in the address (?year=2025), so a view of a past year can be bookmarked and shared. */
export function yearFromUrl(): number | null {
  const raw = new URLSearchParams(window.location.search).get('year');
  return raw && /^\d{4}$/.test(raw) ? Number(raw) : null;
}

export function setYearInUrl(year: number): void {
  const url = new URL(window.location.href);
  url.searchParams.set('year', String(year));
  history.replaceState(null, '', url);
}

/** Years from the first recorded month to today, newest first; the chosen one always listed. */
export function yearPicker(first: number, last: number, chosen: number, onChange: (year: number) => void): HTMLElement {
  const years = new Set<number>([chosen]);
  for (let y = last; y >= first; y -= 1) years.add(y);
  const select = h(
    'select',
    { id: 'year-picker', name: 'year', 'data-testid': 'year-picker' },
    ...[...years].sort((a, b) => b - a).map((y) => h('option', { value: y, selected: y === chosen }, t('dash.yearOption', { year: String(y) }))),
  );
  select.addEventListener('change', () => onChange(Number(select.value)));
  return h('label', { class: 'year-picker' }, h('span', null, t('dash.year')), select);
}
