import { onLangChange, t } from '../i18n/i18n.ts';
import { h, replaceChildren } from './dom.builder.ts';

interface BannerEntry {
  /** a function, so a language switch re-translates a banner that is already showing */
  message: () => string;
  retry?: () => void;
}

/**
 * Error banners keyed by source ("viewport", "basemap", ...): a new failure from the same
 * source replaces the old one, and that source's next success clears it.
 */
export class ErrorBanner {
  private readonly entries = new Map<string, BannerEntry>();

  constructor(private readonly el: HTMLElement) {
    onLangChange(() => this.render());
  }

  show(key: string, entry: BannerEntry): void {
    this.entries.set(key, entry);
    this.render();
  }

  clear(key: string): void {
    if (this.entries.delete(key)) this.render();
  }

  private render(): void {
    const items = [...this.entries].map(([key, entry]) =>
      h(
        'div',
        { class: 'banner' },
        h('span', { class: 'banner-icon', 'aria-hidden': 'true' }, '!'),
        h('span', { class: 'banner-text' }, entry.message()),
        entry.retry ? this.button(t('error.retry'), 'banner-retry', entry.retry) : null,
        this.button('×', 'banner-close', () => this.clear(key), t('error.dismiss')),
      ),
    );
    replaceChildren(this.el, ...items);
  }

  private button(text: string, cls: string, onClick: () => void, label?: string): HTMLButtonElement {
    const button = h('button', { type: 'button', class: cls, 'aria-label': label ?? null, title: label ?? null }, text);
    button.addEventListener('click', onClick);
    return button;
  }
}
