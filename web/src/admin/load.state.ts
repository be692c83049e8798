import { t } from '../i18n/i18n.ts';
import { h } from '../ui/dom.builder.ts';
import { describeError } from '../ui/error.describe.ts';

import type { Loadable } from '../state/loadable.ts';

export type { Loadable };

/** "Loading…" or the failure with a retry button, for a list that is not ready. */
export function loadStateView(state: Loadable<unknown>, retry: () => void): HTMLElement | null {
  if (state.state === 'loading') return h('p', { class: 'hint', role: 'status' }, t('admin.loading'));
  if (state.state === 'failed') {
    const button = h('button', { type: 'button', class: 'button button-small' }, t('admin.retry'));
    button.addEventListener('click', retry);
    return h('div', { class: 'form-message form-message-error', role: 'alert' }, h('p', null, t('admin.loadFailed', { message: describeError(state.error) })), button);
  }
  return null;
}
