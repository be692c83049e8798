import { fetchCaseStats } from '../api/cases.api.ts';
import type { CaseStats } from '../api/cases.types.ts';
import { fetchDashboard } from '../api/dashboard.api.ts';
import type { Dashboard } from '../api/dashboard.types.ts';
import { loadStateView } from '../admin/load.state.ts';
import { noteAuthFailure } from '../auth/session.actions.ts';
import { campaignName } from '../campaign/campaign.names.ts';
import { districtTable, firmTable, kindTable, tableSection } from '../campaign/campaign.tables.ts';
import { formatDay } from '../campaign/figures.format.ts';
import { printButton } from '../campaign/print.button.ts';
import type { SignedInView } from '../campaign/signin.gate.ts';
import { onLangChange, t } from '../i18n/i18n.ts';
import { loadInto, type Loadable } from '../state/loadable.ts';
import { h, replaceChildren } from '../ui/dom.builder.ts';
import { describeError } from '../ui/error.describe.ts';
import { DashboardCharts } from './dashboard.charts.ts';
import { dashboardKpis } from './dashboard.kpis.ts';
import { EnforcementCharts } from './enforcement.charts.ts';
import { setYearInUrl, yearFromUrl, yearPicker } from './year.picker.ts';

/** The campaign dashboard for signed-in staff: key figures, charts and the tables behind them. */
export class DashboardPage implements SignedInView {
  readonly el = h('div', { class: 'campaign-page', id: 'dashboard', 'data-state': 'loading' });
  private state: Loadable<Dashboard> = { state: 'loading' };
  private year: number | null = yearFromUrl();
  private readonly charts = new DashboardCharts();
  private drawn: Dashboard | null = null;
  private pending: AbortController | null = null;
  /** enforcement figures: their own request, for all years at once, independent of the year picked */
  private cases: Loadable<CaseStats> = { state: 'loading' };
  private readonly enforcement = new EnforcementCharts();
  private drawnCases: CaseStats | null = null;

  constructor() {
    onLangChange(() => this.render());
    this.load();
    void loadInto(
      () => fetchCaseStats(),
      (state) => {
        this.cases = state;
        this.render();
      },
      noteAuthFailure,
    );
  }

  private load(): void {
    this.pending?.abort();
    const request = new AbortController();
    this.pending = request;
    void loadInto(
      () => fetchDashboard(this.year, request.signal),
      (state) => {
        // A year chosen while the previous one was loading wins; its predecessor is dropped.
        if (request.signal.aborted) return;
        this.state = state;
        this.render();
      },
      noteAuthFailure,
    );
  }

  private chooseYear(year: number): void {
    this.year = year;
    setYearInUrl(year);
    this.load();
  }

  private render(): void {
    this.el.dataset.state = this.state.state;
    this.el.setAttribute('aria-busy', String(this.state.state === 'loading'));
    // Another year is loading: keep the figures on screen (and the scroll position) until
    // it arrives, rather than collapsing the page to a "loading" line and back.
    if (this.state.state === 'loading' && this.drawn) return;
    if (this.state.state !== 'ready') {
      this.drawn = null;
      this.drawnCases = null;
      replaceChildren(this.el, loadStateView(this.state, () => this.load()));
      return;
    }
    const f = this.state.value;
    const firstYear = Number(f.series[0]?.month.slice(0, 4) ?? f.year);
    const lastYear = Number(f.as_of.slice(0, 4));
    const year = f.year;
    replaceChildren(
      this.el,
      h(
        'div',
        { class: 'page-head' },
        h('div', null, h('h2', { 'data-testid': 'campaign-name' }, campaignName(f.campaign)), h('p', { class: 'hint' }, t('campaign.asOf', { date: formatDay(f.as_of) }))),
        h('div', { class: 'page-tools' }, yearPicker(firstYear, lastYear, year, (y) => this.chooseYear(y)), printButton()),
      ),
      h('section', { 'aria-label': t('dash.kpis') }, h('div', { class: 'kpi-grid' }, ...dashboardKpis(f, this.cases))),
      h('section', { 'aria-label': t('dash.charts') }, this.charts.el),
      this.enforcementSection(),
      h(
        'section',
        { 'aria-label': t('dash.tables'), class: 'tables' },
        tableSection(t('dash.table.districts'), districtTable(f.by_district, year), { csv: { table: 'districts', year } }),
        tableSection(t('dash.table.firms'), firmTable(f.by_firm, year, this.cases.state === 'ready' ? this.cases.value.by_org : undefined), {
          csv: { table: 'firms', year },
          note: t('dash.firmNote'),
        }),
        tableSection(t('dash.table.kinds'), kindTable(f.by_location_kind, year), { csv: { table: 'location_kinds', year } }),
      ),
    );
    // Charts redraw themselves on a language switch; here only when the figures changed.
    if (this.drawn !== f) {
      this.drawn = f;
      this.charts.update(f);
    }
    if (this.cases.state === 'ready' && this.drawnCases !== this.cases.value) {
      this.drawnCases = this.cases.value;
      this.enforcement.update(this.cases.value, f.by_firm);
    }
  }

  /** 执法案件: the charts once the figures are in, else what is happening in words. */
  private enforcementSection(): HTMLElement {
    const cases = this.cases;
    const body =
      cases.state === 'ready'
        ? this.enforcement.el
        : h('p', { class: cases.state === 'failed' ? 'panel-error' : 'hint', role: 'status' }, cases.state === 'failed' ? t('dash.enforcementFailed', { message: describeError(cases.error) }) : t('campaign.loading'));
    const none = cases.state === 'ready' && Object.values(cases.value.by_state).every((n) => !n);
    return h(
      'section',
      { 'aria-label': t('dash.enforcement'), class: 'enforcement-section', 'data-testid': 'enforcement' },
      h('h3', null, t('dash.enforcement')),
      none ? h('p', { class: 'hint' }, t('dash.enforcementEmpty')) : null,
      body,
    );
  }
}
