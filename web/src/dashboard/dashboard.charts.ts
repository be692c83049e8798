import type { Dashboard } from '../api/dashboard.types.ts';
import { districtBars, firmBars, kindBars, kmCumulative, removedCumulative } from '../campaign/campaign.charts.ts';
import { barOption } from '../charts/bar.chart.ts';
import { ChartView } from '../charts/chart.view.ts';
import { cumulativeOption } from '../charts/cumulative.chart.ts';
import { t } from '../i18n/i18n.ts';
import { h } from '../ui/dom.builder.ts';

/** The dashboard's five charts, made once and redrawn for each year's figures. */
export class DashboardCharts {
  private readonly removed = new ChartView(() => t('chart.cumulativeRemoved'), { testId: 'chart-removed' });
  private readonly km = new ChartView(() => t('chart.cumulativeKm'), { testId: 'chart-km' });
  private readonly districts = new ChartView(() => t('chart.byDistrict'), { testId: 'chart-districts' });
  private readonly firms = new ChartView(() => t('chart.byFirm'), { testId: 'chart-firms' });
  private readonly kinds = new ChartView(() => t('chart.byKind'), { testId: 'chart-kinds' });
  readonly el = h(
    'div',
    { class: 'chart-grid' },
    h('div', { class: 'chart-wide' }, this.removed.el),
    this.km.el,
    this.districts.el,
    this.firms.el,
    this.kinds.el,
  );

  /** Call with the grid in the document: ECharts measures its box when it first draws. */
  update(f: Dashboard): void {
    // Builders, not options: each is run again on a language switch.
    this.removed.show(() => cumulativeOption(removedCumulative(f.series, f.campaign)));
    this.km.show(() => cumulativeOption(kmCumulative(f.series, f.campaign)));
    this.districts.show(() => barOption(districtBars(f.by_district, f.year)));
    this.firms.show(() => barOption(firmBars(f.by_firm, f.year)));
    this.kinds.show(() => barOption(kindBars(f.by_location_kind, f.year)));
  }
}
