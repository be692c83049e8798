import { t } from '../i18n/i18n.ts';
import { RenderedControl } from './rendered.control.ts';
import { outboxItems } from '../offline/outbox.store.ts';
import { syncState } from '../offline/outbox.sync.ts';
import { h, replaceChildren } from '../ui/dom.builder.ts';

/** Counts for the badge: what waits, and what needs the officer (refused or in conflict). */
export function outboxCounts(): { pending: number; attention: number } {
  const items = outboxItems.get();
  const attention = items.filter((i) => i.state !== 'pending').length;
  return { pending: items.length - attention, attention };
}

/**
 * The outbox badge over the map: "Offline", how many records wait to be sent, and how many
 * need a decision. Hidden when there is a connection and nothing waits, so the desktop map
 * looks as it always did. Tapping it opens the outbox list.
 */
export class OutboxControl extends RenderedControl {
  private readonly button = h('button', { type: 'button', class: 'outbox-badge', id: 'outbox-badge', 'data-testid': 'outbox-badge', 'aria-live': 'polite' });
  protected readonly box = h('div', { class: 'leaflet-control outbox-control' }, this.button);

  constructor(onOpen: () => void) {
    super('topleft', [outboxItems, syncState]);
    this.button.addEventListener('click', onOpen);
  }

  protected render(): void {
    const { pending, attention } = outboxCounts();
    const s = syncState.get();
    const offline = !s.online;
    this.box.hidden = !offline && pending === 0 && attention === 0;
    this.button.dataset.pending = String(pending);
    this.button.dataset.attention = String(attention);
    this.button.classList.toggle('outbox-badge-offline', offline);
    this.button.classList.toggle('outbox-badge-attention', attention > 0);
    const status = s.running ? t('outbox.sending') : offline ? t('outbox.offline') : s.needsSignIn ? t('outbox.signIn') : null;
    replaceChildren(
      this.button,
      h('span', { class: 'outbox-icon', 'aria-hidden': 'true' }, offline ? '⚡' : '⇅'),
      status ? h('span', { class: 'outbox-status' }, status) : null,
      pending > 0 ? h('span', { class: 'outbox-count', 'data-testid': 'outbox-count' }, t('outbox.pendingCount', { n: pending })) : null,
      attention > 0 ? h('span', { class: 'outbox-count outbox-count-attention' }, t('outbox.attentionCount', { n: attention })) : null,
    );
    this.button.setAttribute('aria-label', [status, pending > 0 ? t('outbox.pendingCount', { n: pending }) : null, attention > 0 ? t('outbox.attentionCount', { n: attention }) : null, t('outbox.open')].filter(Boolean).join(' · '));
  }
}
