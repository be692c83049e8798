import { t } from '../i18n/i18n.ts';
import { h, type Child } from '../ui/dom.builder.ts';
import { describeError } from '../ui/error.describe.ts';

/**
 * The "show on map" button of a list row. Going there fetches the pole, which can fail; the
 * reason is then said next to the button rather than lost in the console.
 */
export function zoomButton(go: () => Promise<void>, label: string, testid = 'zoom-to'): HTMLElement {
  const status = h('span', { class: 'zoom-error', role: 'alert', hidden: true });
  const button = h('button', { type: 'button', class: 'button button-small zoom-button', 'data-testid': testid, 'aria-label': label, title: label }, t('work.zoom'));
  button.addEventListener('click', () => {
    button.disabled = true;
    status.hidden = true;
    go().then(
      () => (button.disabled = false),
      (err: unknown) => {
        button.disabled = false;
        status.textContent = describeError(err);
        status.hidden = false;
      },
    );
  });
  return h('span', { class: 'zoom-wrap' }, button, status);
}

/** A list row's first line: what it is (code, chips) wrapping on the left, the zoom button on the right. */
export function itemHead(button: HTMLElement, ...main: Child[]): HTMLElement {
  return h('div', { class: 'work-item-head' }, h('div', { class: 'work-item-main' }, ...main), button);
}
