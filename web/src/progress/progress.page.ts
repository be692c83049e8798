import { fetchPublicProgress } from '../api/dashboard.api.ts';
import type { PublicProgress } from '../api/dashboard.types.ts';
import { loadStateView } from '../admin/load.state.ts';
import { districtPublicBars, removedCumulative } from '../campaign/campaign.charts.ts';
import { campaignName } from '../campaign/campaign.names.ts';
import { formatDay, formatKm } from '../campaign/figures.format.ts';
import { kpiCard } from '../campaign/kpi.card.ts';
import { targetProgress } from '../campaign/target.progress.ts';
import { barOption } from '../charts/bar.chart.ts';
import { ChartView } from '../charts/chart.view.ts';
import { cumulativeOption } from '../charts/cumulative.chart.ts';
import { formatNumber, onLangChange, t } from '../i18n/i18n.ts';
import { loadInto, type Loadable } from '../state/loadable.ts';
import { h, replaceChildren } from '../ui/dom.builder.ts';
import { ProgressMap } from './progress.map.ts';

function bigFigures(p: PublicProgress): HTMLElement[] {
  const { totals, campaign } = p;
  const year = p.as_of.slice(0, 4);
  const yearTarget = targetProgress('poles', totals.removed_this_year, totals.target_poles, year);
  const kmTarget = targetProgress('km', totals.km_buried_this_year, totals.target_km, year);
  return [
    kpiCard({
      testId: 'pub-removed',
      label: t('pub.removed'),
      value: formatNumber(totals.removed_total),
      unit: t('campaign.unitPoles'),
      notes: campaign ? [t('chart.baselineRemoved', { n: campaign.baseline_removed })] : [],
    }),
    kpiCard({
      testId: 'pub-removed-year',
      label: t('pub.removedYear'),
      value: formatNumber(totals.removed_this_year),
      unit: t('campaign.unitPoles'),
      notes: [yearTarget.note],
      meter: yearTarget.meter,
    }),
    kpiCard({
      testId: 'pub-km',
      label: t('pub.km'),
      value: formatKm(totals.km_buried_total),
      unit: t('campaign.unitKm'),
      notes: [t('kpi.kmNote', { baseline: formatKm(campaign?.baseline_km ?? 0, 'round'), km: formatKm(totals.km_buried_this_year), year }), kmTarget.note],
      meter: kmTarget.meter,
    }),
    kpiCard({ testId: 'pub-orphan', label: t('pub.orphan'), value: formatNumber(totals.orphan_poles), unit: t('campaign.unitPoles') }),
  ];
}

/** The public progress page: no sign-in, totals and places only. */
export class ProgressPage {
  private state: Loadable<PublicProgress> = { state: 'loading' };
  private readonly cumulative = new ChartView(() => t('chart.cumulativeRemoved'), { testId: 'chart-removed' });
  private readonly districts = new ChartView(() => t('chart.byDistrict'), { testId: 'chart-districts' });
  private readonly map = new ProgressMap();
  private drawn: PublicProgress | null = null;

  constructor(private readonly el: HTMLElement) {
    this.el.id = 'progress';
    onLangChange(() => this.render());
    this.load();
  }

  private load(): void {
    void loadInto(fetchPublicProgress, (state) => {
      this.state = state;
      this.render();
    });
  }

  private render(): void {
    this.el.dataset.state = this.state.state;
    if (this.state.state !== 'ready') {
      replaceChildren(this.el, loadStateView(this.state, () => this.load()));
      return;
    }
    const p = this.state.value;
    replaceChildren(
      this.el,
      h(
        'div',
        { class: 'page-head' },
        h('div', null, h('h2', { 'data-testid': 'campaign-name' }, campaignName(p.campaign)), h('p', { class: 'hint' }, t('campaign.asOf', { date: formatDay(p.as_of) }))),
      ),
      h('p', { class: 'page-intro' }, t('pub.intro')),
      h('div', { class: 'kpi-grid kpi-grid-big' }, ...bigFigures(p)),
      h('div', { class: 'chart-grid' }, this.cumulative.el, this.districts.el),
      this.map.el,
    );
    if (this.drawn !== p) {
      const first = this.drawn === null;
      this.drawn = p;
      this.cumulative.show(() => cumulativeOption(removedCumulative(p.series, p.campaign)));
      this.districts.show(() => barOption(districtPublicBars(p.by_district)));
      if (first) void this.map.start();
    }
  }
}
