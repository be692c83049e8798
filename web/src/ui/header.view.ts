import { lang, onLangChange, setLang, t, type Lang, type MessageKey } from '../i18n/i18n.ts';
import { h, replaceChildren } from './dom.builder.ts';

export interface HeaderOptions {
  title: MessageKey;
  /** the map page's filter toggle; pages without filters leave it out */
  filters?: { onToggle: () => void; isOpen: () => boolean };
  /** e.g. the work panel's toggle; kept across re-renders, it renders itself */
  tools?: HTMLElement;
  /** the account area (AccountMenu.el); kept across re-renders, it renders itself */
  account?: HTMLElement;
}

/** Title bar: filter toggle, page title, 中文 / English switch, account area. */
export class HeaderView {
  private filterButton: HTMLButtonElement | null = null;

  constructor(private readonly el: HTMLElement, private readonly options: HeaderOptions) {
    this.render();
    onLangChange(() => this.render());
  }

  /** Called by whoever opens or closes the filter panel, so aria-expanded stays true. */
  syncFilterButton(): void {
    const filters = this.options.filters;
    if (filters) this.filterButton?.setAttribute('aria-expanded', String(filters.isOpen()));
  }

  private render(): void {
    // Re-rendering replaces the buttons; keep keyboard focus where the user left it.
    const focused = document.activeElement;
    const focusedLang = focused instanceof HTMLElement && this.el.contains(focused) ? focused.dataset.lang ?? focused.id : null;

    const filters = this.options.filters;
    const filterButton = filters
      ? h(
          'button',
          { type: 'button', class: 'header-button', 'aria-controls': 'filter-panel', id: 'filter-toggle' },
          h('span', { class: 'filter-icon', 'aria-hidden': 'true' }, '☰'),
          h('span', { class: 'header-button-label' }, t('header.filters')),
        )
      : null;
    filterButton?.addEventListener('click', () => filters?.onToggle());
    this.filterButton = filterButton;

    const langButton = (code: Lang, label: string): HTMLButtonElement => {
      const active = lang() === code;
      // Each button names its language in that language, so it is findable whatever the
      // current language is; `lang` lets screen readers pronounce it correctly.
      const button = h(
        'button',
        { type: 'button', class: 'lang-button', 'aria-pressed': String(active), lang: code === 'zh' ? 'zh-CN' : 'en', 'data-lang': code },
        label,
      );
      button.addEventListener('click', () => setLang(code));
      return button;
    };

    replaceChildren(
      this.el,
      filterButton,
      h('h1', { class: 'app-title' }, t(this.options.title)),
      this.options.tools ?? null,
      h(
        'div',
        { class: 'lang-switch', role: 'group', 'aria-label': t('header.language') },
        langButton('zh', t('lang.zh')),
        langButton('en', t('lang.en')),
      ),
      this.options.account ?? null,
    );
    this.syncFilterButton();
    if (focusedLang) {
      const again = this.el.querySelector<HTMLElement>(`[data-lang="${focusedLang}"], #${focusedLang}`);
      again?.focus();
    }
  }
}
