import { fetchDashboard } from '../api/dashboard.api.ts';
import type { Dashboard } from '../api/dashboard.types.ts';
import { loadStateView } from '../admin/load.state.ts';
import { noteAuthFailure } from '../auth/session.actions.ts';
import { removedCumulative } from '../campaign/campaign.charts.ts';
import { campaignName } from '../campaign/campaign.names.ts';
import { districtTable, firmTable, tableSection } from '../campaign/campaign.tables.ts';
import { formatDay, formatMonth } from '../campaign/figures.format.ts';
import { printButton } from '../campaign/print.button.ts';
import type { SignedInView } from '../campaign/signin.gate.ts';
import { ChartView } from '../charts/chart.view.ts';
import { cumulativeOption } from '../charts/cumulative.chart.ts';
import { onLangChange, t } from '../i18n/i18n.ts';
import { loadInto, type Loadable } from '../state/loadable.ts';
import { h, replaceChildren } from '../ui/dom.builder.ts';
import { monthFromUrl, monthStatus, summariseMonth, type MonthRequest } from './report.month.ts';
import { reportSummary } from './report.summary.ts';

/** A plain GET form: choosing a month is a new address, so a report can be linked and bookmarked. */
function monthForm(month: string): HTMLElement {
  return h(
    'form',
    { class: 'month-picker no-print', method: 'get', action: '/report.html' },
    h('label', null, h('span', null, t('report.month')), h('input', { type: 'month', name: 'month', value: month, required: true, 'data-testid': 'month-picker' })),
    h('button', { type: 'submit', class: 'button' }, t('report.show')),
  );
}

/** The printable monthly report («聊城市通信线杆整治月报»), built from the dashboard figures. */
export class ReportPage implements SignedInView {
  readonly el = h('article', { class: 'campaign-page report', id: 'report', 'data-state': 'loading' });
  private state: Loadable<Dashboard> = { state: 'loading' };
  private readonly request: MonthRequest = monthFromUrl();
  private readonly chart = new ChartView(() => t('chart.cumulativeRemoved'), { testId: 'chart-removed' });
  private drawn: Dashboard | null = null;

  constructor() {
    onLangChange(() => this.render());
    this.load();
  }

  private load(): void {
    const year = this.request.month ? Number(this.request.month.slice(0, 4)) : null;
    void loadInto(
      () => fetchDashboard(year),
      (state) => {
        this.state = state;
        this.render();
      },
      noteAuthFailure,
    );
  }

  private render(): void {
    this.el.dataset.state = this.state.state;
    if (this.state.state !== 'ready') {
      replaceChildren(this.el, loadStateView(this.state, () => this.load()));
      return;
    }
    const f = this.state.value;
    const month = this.request.month ?? f.as_of.slice(0, 7);
    const label = formatMonth(month);
    const status = monthStatus(month, f.as_of);
    const notices = [
      this.request.invalid !== null ? t('report.invalidMonth', { value: this.request.invalid }) : null,
      status === 'future' ? t('report.future', { label }) : null,
      status === 'partial' ? t('report.partial', { date: formatDay(f.as_of) }) : null,
    ].filter((n): n is string => n !== null);
    const year = f.year;
    const upToMonth = f.series.filter((s) => s.month <= month);

    replaceChildren(
      this.el,
      h('div', { class: 'report-tools no-print' }, monthForm(month), printButton()),
      h(
        'header',
        { class: 'report-head' },
        h('h2', { class: 'report-title', 'data-testid': 'report-title' }, t('report.title', { label })),
        h('p', { class: 'report-meta' }, campaignName(f.campaign), ' · ', t('campaign.asOf', { date: formatDay(f.as_of) })),
      ),
      ...notices.map((n) => h('p', { class: 'warning report-notice', role: 'status' }, n)),
      status === 'future'
        ? null
        : h('section', { class: 'report-summary' }, h('h3', null, t('report.summary')), ...reportSummary(f, month, summariseMonth(f.series, month))),
      tableSection(t('report.firmTable'), firmTable(f.by_firm, year), { note: t('dash.firmNote') }),
      tableSection(t('report.districtTable'), districtTable(f.by_district, year), { note: t('report.tablesAsOf', { year: String(year), date: formatDay(f.as_of) }) }),
      h('section', { class: 'report-chart' }, h('h3', null, t('report.chart')), this.chart.el),
      h('p', { class: 'hint report-source' }, t('report.source', { date: formatDay(f.as_of) })),
    );
    if (this.drawn !== f) {
      this.drawn = f;
      this.chart.show(() => cumulativeOption(removedCumulative(upToMonth, f.campaign, month)));
    }
  }
}
