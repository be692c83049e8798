import type { SessionUser } from '../api/auth.types.ts';
import { onLangChange, t } from '../i18n/i18n.ts';
import { sessionStore } from '../state/session.store.ts';
import { h, replaceChildren, svg } from '../ui/dom.builder.ts';

/** Only the city may import; the server refuses anyone else (403), this just hides the door. */
export function canImport(user: SessionUser | null): boolean {
  return user?.role === 'officer' || user?.role === 'admin';
}

export function uploadIcon(): SVGSVGElement {
  return svg(
    'svg',
    { width: 20, height: 20, viewBox: '0 0 24 24', 'aria-hidden': 'true', focusable: 'false' },
    svg('path', { d: 'M12 16V4M7 9l5-5 5 5M4 20h16', fill: 'none', stroke: 'currentColor', 'stroke-width': 2, 'stroke-linecap': 'round', 'stroke-linejoin': 'round' }),
  );
}

/** The header's 「导入」 button, present only while an officer or admin is signed in. */
export class ImportButton {
  readonly el = h('div', { class: 'import-slot' });

  constructor(private readonly onOpen: () => void) {
    this.render();
    sessionStore.subscribe(() => this.render());
    onLangChange(() => this.render());
  }

  private render(): void {
    if (!canImport(sessionStore.get().user)) return replaceChildren(this.el);
    const button = h(
      'button',
      { type: 'button', class: 'header-button', id: 'import-open', title: t('import.title') },
      uploadIcon(),
      h('span', { class: 'header-button-label' }, t('import.open')),
    );
    button.addEventListener('click', () => this.onOpen());
    replaceChildren(this.el, button);
  }
}
