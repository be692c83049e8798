import type { DistrictCollection } from '../api/api.types.ts';
import { isAbortError } from '../api/api.error.ts';
import { fetchCases } from '../api/cases.api.ts';
import type { CaseQuery, CaseSummary } from '../api/cases.types.ts';
import { noteAuthFailure } from '../auth/session.actions.ts';
import { localName } from '../campaign/campaign.names.ts';
import { t, tEnum } from '../i18n/i18n.ts';
import type { Owners } from '../map/owner.colours.ts';
import { bdi, h, replaceChildren, type Child } from '../ui/dom.builder.ts';
import { describeError } from '../ui/error.describe.ts';
import type { WorkView } from '../work/loaded.view.ts';
import { CaseFilters, type CaseSort } from './case.filters.ts';
import { day, stateChip } from './case.words.ts';
import { calendarWarning, nextYearMissing } from './calendar.warning.ts';

/** One page; "load more" asks for the next with the server's cursor. */
const PAGE = 100;

export interface CaseListOptions {
  /** officers filter and sort; a carrier's list of orders is short and has no filters */
  mode: 'officer' | 'carrier';
  owners: Owners;
  districts: () => DistrictCollection | null;
  openCase: (id: number) => void;
}

/** Soonest deadline first (or last); cases with no deadline after all those with one. */
export function sortCases(items: readonly CaseSummary[], sort: CaseSort): CaseSummary[] {
  const sorted = [...items];
  if (sort === 'newest') return sorted.sort((a, b) => b.created_at.localeCompare(a.created_at));
  const sign = sort === 'due_asc' ? 1 : -1;
  return sorted.sort((a, b) => {
    if (a.due_on === b.due_on) return b.created_at.localeCompare(a.created_at);
    if (a.due_on === null) return 1;
    if (b.due_on === null) return -1;
    return sign * a.due_on.localeCompare(b.due_on);
  });
}

/**
 * The officers' case list (案件), or a carrier's orders (整改通知): one row per case with its
 * state, party, poles and next deadline, overdue ones marked. The server decides what each
 * caller may see; the filters only narrow it.
 */
export class CaseList implements WorkView {
  readonly el = h('div', { class: 'work-view case-list-view' });
  private readonly filters: CaseFilters | null;
  private readonly results = h('div', { class: 'case-results', 'aria-live': 'polite' });
  private items: CaseSummary[] = [];
  private next: string | null = null;
  private state: 'loading' | 'ready' | 'failed' = 'loading';
  private error: unknown = null;
  private controller: AbortController | null = null;
  /** next year, when its working-day calendar is still missing late in the year (officers) */
  private missingYear: number | null = null;

  constructor(private readonly options: CaseListOptions) {
    this.filters = options.mode === 'officer' ? new CaseFilters(options.owners, options.districts, () => this.refresh()) : null;
    this.render();
    if (options.mode === 'officer') {
      void nextYearMissing().then((year) => {
        this.missingYear = year;
        if (year !== null) this.render();
      });
    }
  }

  refresh(): void {
    this.items = [];
    this.next = null;
    void this.load(undefined);
  }

  render(): void {
    this.filters?.render();
    replaceChildren(this.el, this.options.mode === 'carrier' ? h('p', { class: 'hint' }, t('orders.intro')) : this.missingYear === null ? null : calendarWarning(this.missingYear), this.filters?.el ?? null, this.results);
    this.renderResults();
  }

  private query(cursor: string | undefined): CaseQuery {
    return { ...(this.filters?.current().query ?? {}), limit: PAGE, ...(cursor ? { cursor } : {}) };
  }

  private async load(cursor: string | undefined): Promise<void> {
    this.controller?.abort();
    const controller = new AbortController();
    this.controller = controller;
    this.state = 'loading';
    this.renderResults();
    try {
      const page = await fetchCases(this.query(cursor), controller.signal);
      if (controller.signal.aborted) return;
      this.items = [...this.items, ...page.items];
      this.next = page.next_cursor;
      this.state = 'ready';
    } catch (err) {
      if (isAbortError(err) || controller.signal.aborted) return;
      noteAuthFailure(err);
      this.state = 'failed';
      this.error = err;
    }
    this.renderResults();
  }

  private renderResults(): void {
    replaceChildren(this.results, ...this.resultNodes());
  }

  private resultNodes(): Child[] {
    if (this.state === 'failed') {
      const retry = h('button', { type: 'button', class: 'button button-small' }, t('error.retry'));
      retry.addEventListener('click', () => this.refresh());
      return [h('div', { class: 'panel-error', role: 'alert' }, h('p', null, t('work.failed', { message: describeError(this.error) })), retry)];
    }
    if (this.state === 'loading' && this.items.length === 0) return [h('p', { class: 'hint', role: 'status' }, t('work.loading'))];
    if (this.items.length === 0) return [h('p', { class: 'hint work-empty' }, this.options.mode === 'carrier' ? t('orders.empty') : t('cases.empty'))];
    const sorted = sortCases(this.items, this.filters?.current().sort ?? 'due_asc');
    const more = this.next ? h('button', { type: 'button', class: 'button button-small', 'data-testid': 'cases-more', disabled: this.state === 'loading' }, t('cases.more')) : null;
    more?.addEventListener('click', () => void this.load(this.next ?? undefined));
    return [
      h('p', { class: 'work-count', 'data-testid': 'cases-count' }, this.next ? t('cases.countMore', { n: this.items.length }) : t('cases.count', { n: this.items.length })),
      h('ul', { class: 'work-list', 'data-testid': this.options.mode === 'carrier' ? 'orders-list' : 'cases-list' }, ...sorted.map((c) => this.item(c))),
      more,
    ];
  }

  private item(c: CaseSummary): HTMLElement {
    const open = h('button', { type: 'button', class: 'button button-small', 'data-testid': 'case-open', 'aria-label': t('cases.openLabel', { number: c.number }) }, t('cases.open'));
    open.addEventListener('click', () => this.options.openCase(c.id));
    const party = c.responsible_org ? localName(c.responsible_org) : t('casePanel.partyUnknown');
    return h(
      'li',
      { class: `work-item case-item${c.overdue ? ' case-item-overdue' : ''}`, 'data-testid': 'case-item', 'data-case-id': c.id, 'data-state': c.state, 'data-overdue': String(c.overdue) },
      h(
        'div',
        { class: 'work-item-head' },
        h(
          'div',
          { class: 'work-item-main' },
          h('span', { class: 'work-item-code' }, bdi(c.number)),
          stateChip(c.state),
          c.overdue ? h('span', { class: 'chip case-overdue' }, t('cases.overdue')) : null,
        ),
        open,
      ),
      h('p', { class: 'case-item-line' }, tEnum('case.category', c.category), ' · ', bdi(party)),
      h(
        'p',
        { class: 'hint case-item-line' },
        c.due_on ? t('cases.due', { date: day(c.due_on) }) : t('cases.noDue'),
        c.pole_codes.length > 0 ? [' · ', t('cases.poles', { codes: c.pole_codes.join('、') })].join('') : null,
      ),
    );
  }
}
