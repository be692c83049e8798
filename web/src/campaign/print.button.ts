import { t } from '../i18n/i18n.ts';
import { h } from '../ui/dom.builder.ts';

/** Opens the browser's print dialog (which also saves as PDF); never printed itself. */
export function printButton(): HTMLButtonElement {
  const button = h('button', { type: 'button', class: 'button no-print', 'data-testid': 'print' }, t('campaign.print'));
  button.addEventListener('click', () => window.print());
  return button;
}
