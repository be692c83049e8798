import { t } from '../i18n/i18n.ts';
import { formatShanghai } from '../i18n/time.format.ts';
import { h } from '../ui/dom.builder.ts';

/** A Beijing-time stamp with the machine-readable instant; `empty` when there is none. */
export function timeCell(iso: string | null, empty: 'never' | 'none' = 'none'): HTMLElement {
  const text = formatShanghai(iso);
  if (!iso || !text) return h('span', { class: 'muted' }, empty === 'never' ? t('admin.never') : t('admin.none'));
  return h('time', { datetime: iso }, text);
}
