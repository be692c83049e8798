import type { Bbox } from '../api/api.types.ts';
import { EXPORT_FORMATS, exportUrl } from '../api/exports.api.ts';
import { onLangChange, t } from '../i18n/i18n.ts';
import { filtersStore } from '../state/filters.store.ts';
import { sessionStore } from '../state/session.store.ts';
import { h, replaceChildren, svg } from '../ui/dom.builder.ts';
import { canImport, uploadIcon } from './import.button.ts';

export interface ExportMenuOptions {
  /** the map's current view; null before the map exists (the whole city is exported then) */
  bbox: () => Bbox | null;
  onImport: () => void;
}

function downloadIcon(): SVGSVGElement {
  return svg(
    'svg',
    { width: 20, height: 20, viewBox: '0 0 24 24', 'aria-hidden': 'true', focusable: 'false' },
    svg('path', { d: 'M12 4v12M7 11l5 5 5-5M4 20h16', fill: 'none', stroke: 'currentColor', 'stroke-width': 2, 'stroke-linecap': 'round', 'stroke-linejoin': 'round' }),
  );
}

/**
 * 「导出」: plain download links for what the map shows (view + filters), open to everyone
 * like the map itself. The addresses are built when the menu opens, so they follow the map.
 * On a phone the header has no room for a separate 「导入」 button, so the officers' import
 * entry also sits here (CSS shows it on narrow screens only).
 */
export class ExportMenu {
  readonly el = h('div', { class: 'export-wrap' });
  private open = false;

  constructor(private readonly options: ExportMenuOptions) {
    this.render();
    onLangChange(() => this.render());
    sessionStore.subscribe(() => this.render());
    document.addEventListener('click', (e) => {
      if (this.open && e.target instanceof Node && !this.el.contains(e.target)) this.setOpen(false);
    });
    document.addEventListener('keydown', (e) => {
      if (e.key === 'Escape' && this.open) {
        this.setOpen(false);
        this.el.querySelector<HTMLElement>('#export-toggle')?.focus();
      }
    });
  }

  private render(): void {
    this.open = false;
    const toggle = h(
      'button',
      { type: 'button', class: 'header-button', id: 'export-toggle', 'aria-expanded': 'false', 'aria-controls': 'export-menu', title: t('export.title') },
      downloadIcon(),
      h('span', { class: 'header-button-label' }, t('export.open')),
    );
    toggle.addEventListener('click', () => this.setOpen(!this.open));
    const links = EXPORT_FORMATS.map((format) =>
      h('a', { class: 'export-link', href: exportUrl(format, null, filtersStore.get()), download: '', 'data-format': format, 'data-testid': `export-${format}` }, t(`export.${format}`)),
    );
    for (const link of links) link.addEventListener('click', () => this.setOpen(false));
    let importItem: HTMLButtonElement | null = null;
    if (canImport(sessionStore.get().user)) {
      importItem = h('button', { type: 'button', class: 'export-link export-import' }, uploadIcon(), t('export.importItem'));
      importItem.addEventListener('click', () => {
        this.setOpen(false);
        this.options.onImport();
      });
    }
    replaceChildren(
      this.el,
      toggle,
      h('div', { class: 'export-menu', id: 'export-menu', hidden: true }, h('p', { class: 'export-title' }, t('export.title')), ...links, importItem),
    );
  }

  private setOpen(open: boolean): void {
    this.open = open;
    const menu = this.el.querySelector<HTMLElement>('.export-menu');
    if (!menu) return;
    if (open) {
      // Fresh addresses each time: the map may have moved and the filters changed.
      const bbox = this.options.bbox();
      for (const link of menu.querySelectorAll<HTMLAnchorElement>('a[data-format]')) {
        const format = EXPORT_FORMATS.find((f) => f === link.dataset.format);
        if (format) link.href = exportUrl(format, bbox, filtersStore.get());
      }
    }
    menu.hidden = !open;
    this.el.querySelector('#export-toggle')?.setAttribute('aria-expanded', String(open));
    if (open) menu.querySelector<HTMLElement>('a, button')?.focus();
  }
}
