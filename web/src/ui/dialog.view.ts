import { t } from '../i18n/i18n.ts';
import { h, type Child } from './dom.builder.ts';

export interface DialogOptions {
  title: string;
  /** the accessible name of the × button */
  closeLabel?: string;
  className?: string;
  /** runs however the dialog closes (×, Escape, a button that calls close()) */
  onClose?: () => void;
}

/**
 * A modal built on <dialog>: the browser traps focus, makes the page behind it inert and
 * closes it on Escape, which no hand-made overlay gets fully right. Removed from the
 * document once closed, so each opening starts from a clean form.
 */
export class Dialog {
  readonly el: HTMLDialogElement;
  readonly body: HTMLElement;
  private readonly returnFocus: Element | null;

  constructor(options: DialogOptions, ...content: Child[]) {
    this.returnFocus = document.activeElement;
    const titleId = `dialog-title-${Math.random().toString(36).slice(2, 8)}`;
    const close = h(
      'button',
      { type: 'button', class: 'icon-button dialog-close', 'aria-label': options.closeLabel ?? t('admin.close'), title: options.closeLabel ?? t('admin.close') },
      '×',
    );
    close.addEventListener('click', () => this.close());
    this.body = h('div', { class: 'dialog-body' }, ...content);
    this.el = h(
      'dialog',
      { class: `dialog ${options.className ?? ''}`.trim(), 'aria-labelledby': titleId },
      h('div', { class: 'dialog-head' }, h('h2', { id: titleId }, options.title), close),
      this.body,
    );
    this.el.addEventListener('close', () => {
      this.el.remove();
      options.onClose?.();
      if (this.returnFocus instanceof HTMLElement && this.returnFocus.isConnected) this.returnFocus.focus();
    });
  }

  open(focus?: HTMLElement | null): void {
    document.body.appendChild(this.el);
    this.el.showModal();
    (focus ?? this.el.querySelector<HTMLElement>('input, select, textarea, button:not(.dialog-close)'))?.focus();
  }

  close(): void {
    if (this.el.open) this.el.close();
  }
}
