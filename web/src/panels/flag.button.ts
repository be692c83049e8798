import type { PickedPole } from '../cases/flag.form.ts';
import { t } from '../i18n/i18n.ts';
import { currentUser } from '../state/session.store.ts';
import { h } from '../ui/dom.builder.ts';
import type { PanelPole } from './pole.fields.ts';

/**
 * 标记违法 on a pole's panel: officers and admins start a violation case from the pole they
 * are looking at. A removed pole is past enforcement, so it gets no button.
 */
export function flagButton(pole: PanelPole, lngLat: [number, number] | null, onFlag: ((pole: PickedPole) => void) | undefined): HTMLElement | null {
  const role = currentUser()?.role;
  if (!onFlag || !lngLat || pole.status === 'removed' || (role !== 'officer' && role !== 'admin')) return null;
  const button = h(
    'button',
    { type: 'button', class: 'button button-small button-danger flag-button', 'data-testid': 'flag-open', 'aria-label': t('flag.openLabel', { code: pole.code }) },
    h('span', { 'aria-hidden': 'true' }, '⚑ '),
    t('flag.open'),
  );
  button.addEventListener('click', () => onFlag({ id: pole.id, code: pole.code, lng: lngLat[0], lat: lngLat[1] }));
  return h('div', { class: 'form-actions flag-actions' }, button);
}
