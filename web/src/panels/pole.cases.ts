import { isAbortError } from '../api/api.error.ts';
import { fetchCases } from '../api/cases.api.ts';
import { FINAL_STATES, type CaseSummary } from '../api/cases.types.ts';
import { stateChip } from '../cases/case.words.ts';
import { t, tEnum } from '../i18n/i18n.ts';
import { currentUser } from '../state/session.store.ts';
import { bdi, h, replaceChildren } from '../ui/dom.builder.ts';
import type { PanelPole } from './pole.fields.ts';

/** Who may read cases (the server answers the others 403); a carrier sees only its own. */
const READERS = new Set(['admin', 'officer', 'viewer', 'carrier']);

/**
 * The pole panel's list of open cases about this pole, each a click from its case panel: an
 * officer about to flag a pole sees it is already being dealt with (the server would refuse a
 * second open case on it). Looked up by the pole's code, the case list's search.
 */
export class PoleCases {
  readonly el = h('section', { class: 'pole-cases', 'data-testid': 'pole-cases' });
  private cases: CaseSummary[] = [];

  constructor(private readonly openCase: (id: number) => void) {}

  async load(pole: PanelPole, signal: AbortSignal): Promise<void> {
    this.cases = [];
    this.render();
    const role = currentUser()?.role;
    if (!role || !READERS.has(role)) return;
    try {
      const page = await fetchCases({ q: pole.code, limit: 20 }, signal);
      this.cases = page.items.filter((c) => c.pole_codes.includes(pole.code) && !FINAL_STATES.includes(c.state));
    } catch (err) {
      // The pole panel is about the pole: a case list that fails to load is left out, not an error.
      if (isAbortError(err)) return;
      this.cases = [];
    }
    if (!signal.aborted) this.render();
  }

  render(): void {
    if (this.cases.length === 0) return replaceChildren(this.el);
    replaceChildren(
      this.el,
      h('h3', null, t('poleCases.title')),
      h(
        'ul',
        { class: 'work-list' },
        ...this.cases.map((c) => {
          const open = h('button', { type: 'button', class: 'button button-small', 'data-testid': 'pole-case-open', 'aria-label': t('cases.openLabel', { number: c.number }) }, t('cases.open'));
          open.addEventListener('click', () => this.openCase(c.id));
          return h(
            'li',
            { class: 'work-item', 'data-case-id': c.id },
            h('div', { class: 'work-item-head' }, h('div', { class: 'work-item-main' }, h('span', { class: 'work-item-code' }, bdi(c.number)), stateChip(c.state)), open),
            h('p', { class: 'hint case-item-line' }, tEnum('case.category', c.category)),
          );
        }),
      ),
    );
  }
}
