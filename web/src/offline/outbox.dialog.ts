import { ApiError } from '../api/api.error.ts';
import { t, tEnum } from '../i18n/i18n.ts';
import { formatShanghai } from '../i18n/time.format.ts';
import { fieldLabel } from '../panels/history.changes.ts';
import type { Owners } from '../map/owner.colours.ts';
import { confirmDialog } from '../ui/confirm.dialog.ts';
import { Dialog } from '../ui/dialog.view.ts';
import { h, replaceChildren } from '../ui/dom.builder.ts';
import { describeError } from '../ui/error.describe.ts';
import { ConflictDialog } from './conflict.dialog.ts';
import { discardItem, retryItem } from './outbox.actions.ts';
import { outboxItems } from './outbox.store.ts';
import { outboxSync, syncState } from './outbox.sync.ts';
import { dependsOn, isTempRef, type OutboxItem, type StoredError } from './outbox.types.ts';

function errorText(e: StoredError): string {
  return describeError(new ApiError(e.kind, e.status, e.code, e.message));
}

function what(item: OutboxItem): string {
  switch (item.kind) {
    case 'pole.create':
      return t('outbox.kind.pole', { at: `${item.lat.toFixed(6)}, ${item.lng.toFixed(6)}` });
    case 'pole.patch':
      return t('outbox.kind.edit', { code: item.base.code, fields: Object.keys(item.patch).map(fieldLabel).join('、') });
    case 'case.create':
      return t('outbox.kind.case', { category: tEnum('case.category', item.category) });
    case 'case.photo':
      return t('outbox.kind.photo', { name: item.file_name });
  }
}

/**
 * The outbox, item by item: what waits and why, what the server refused and in its words,
 * and the edits that need a decision. Nothing here is removed without the officer's say.
 */
export class OutboxDialog {
  private readonly list = h('ol', { class: 'outbox-list', 'data-testid': 'outbox-list' });
  private readonly status = h('p', { class: 'outbox-sync-status', role: 'status' });
  private readonly dialog: Dialog;
  private readonly unsubscribe: Array<() => void> = [];

  constructor(private readonly owners: Owners) {
    const retry = h('button', { type: 'button', class: 'button', 'data-testid': 'outbox-retry-all' }, t('outbox.retryNow'));
    retry.addEventListener('click', () => outboxSync.now());
    this.dialog = new Dialog(
      { title: t('outbox.title'), className: 'outbox-dialog', onClose: () => this.unsubscribe.forEach((u) => u()) },
      this.status,
      h('div', { class: 'form-actions' }, retry),
      this.list,
    );
    this.unsubscribe.push(outboxItems.subscribe(() => this.render()), syncState.subscribe(() => this.render()));
  }

  open(): void {
    this.render();
    this.dialog.open();
  }

  private render(): void {
    const s = syncState.get();
    const items = outboxItems.get();
    this.status.textContent =
      items.length === 0
        ? t('outbox.empty')
        : s.running
          ? t('outbox.sending')
          : !s.online
            ? t('outbox.offlineLong')
            : s.needsSignIn
              ? t('outbox.signInLong')
              : s.retryAt !== null
                ? t('outbox.retryAt', { time: formatShanghai(new Date(s.retryAt).toISOString()) ?? '' })
                : t('outbox.idle');
    const refused = new Set(items.filter((i) => i.state !== 'pending').map((i) => i.ref));
    replaceChildren(this.list, ...items.map((item) => this.row(item, refused)));
  }

  private row(item: OutboxItem, refused: Set<string>): HTMLElement {
    const upload = syncState.get().upload;
    const blocked = item.state === 'pending' && dependsOn(item).some((r) => isTempRef(r) && refused.has(r));
    const state =
      item.state === 'failed'
        ? h('p', { class: 'outbox-state outbox-failed' }, t('outbox.failed', { message: item.error ? errorText(item.error) : '' }))
        : item.state === 'conflict'
          ? h('p', { class: 'outbox-state outbox-conflict' }, t('outbox.conflict'))
          : h(
              'p',
              { class: 'outbox-state' },
              blocked ? t('outbox.blocked') : t('outbox.pending'),
              item.error && !blocked ? ` · ${t('outbox.lastTry', { message: errorText(item.error) })}` : '',
            );
    const actions = h('div', { class: 'form-actions' });
    if (item.state === 'conflict' && item.kind === 'pole.patch') actions.append(this.button(t('outbox.resolve'), 'outbox-resolve', () => new ConflictDialog(item, this.owners).open()));
    if (item.state === 'failed') actions.append(this.button(t('outbox.retry'), 'outbox-retry', () => void retryItem(item)));
    actions.append(this.button(t('outbox.discard'), 'outbox-discard', () => void this.discard(item)));
    return h(
      'li',
      { class: `outbox-item outbox-item-${item.state}`, 'data-kind': item.kind, 'data-state': item.state },
      h('p', { class: 'outbox-what' }, what(item)),
      h('p', { class: 'hint' }, formatShanghai(item.created_at) ?? item.created_at),
      state,
      upload?.ref === item.ref ? h('progress', { max: 1, value: upload.fraction, 'aria-label': t('photo.uploading', { name: what(item) }) }) : null,
      actions,
    );
  }

  private button(label: string, testId: string, onClick: () => void): HTMLButtonElement {
    const b = h('button', { type: 'button', class: 'button', 'data-testid': testId }, label);
    b.addEventListener('click', onClick);
    return b;
  }

  private async discard(item: OutboxItem): Promise<void> {
    if (await confirmDialog(t('outbox.discardTitle'), t('outbox.discardText', { what: what(item) }), t('outbox.discard'))) await discardItem(item);
  }
}
