import type { Dashboard } from '../api/dashboard.types.ts';
import { localName } from '../campaign/campaign.names.ts';
import { formatDay, formatKm, formatMonth, formatShare } from '../campaign/figures.format.ts';
import { t } from '../i18n/i18n.ts';
import { h } from '../ui/dom.builder.ts';
import type { MonthSummary } from './report.month.ts';

// A bulletin names the leading firms, not all of them.
const FIRMS_NAMED = 3;

/**
 * The report's opening paragraphs, written from the figures the way the city's monthly
 * bulletins read: the month, the year against its target, the whole campaign, what is left.
 */
export function reportSummary(f: Dashboard, month: string, m: MonthSummary): HTMLElement[] {
  const label = formatMonth(month);
  const year = month.slice(0, 4);
  const { totals, campaign } = f;
  const none = t('campaign.none');

  const yearSentence =
    totals.target_poles === null
      ? t('report.sumYearNoTarget', { label, year, removed: m.yearRemoved })
      : t('report.sumYearTarget', { label, year, removed: m.yearRemoved, target: totals.target_poles, pct: formatShare(m.yearRemoved, totals.target_poles) ?? none });
  const kmSentence =
    totals.target_km === null
      ? t('report.sumKmNoTarget', { km: formatKm(m.yearKm) })
      : t('report.sumKmTarget', { km: formatKm(m.yearKm), target: formatKm(totals.target_km, 'round'), pct: formatShare(m.yearKm, totals.target_km) ?? none });
  const totalSentence =
    campaign?.baseline_until
      ? t('report.sumTotal', { total: m.totalRemoved, baseline: campaign.baseline_removed, until: formatDay(campaign.baseline_until), km: formatKm(m.totalKm) })
      : t('report.sumTotalNoBaseline', { total: m.totalRemoved, km: formatKm(m.totalKm) });

  const leaders = f.by_firm.filter((r) => r.removals_done > 0).slice(0, FIRMS_NAMED);
  const firmsSentence = leaders.length
    ? t('report.sumFirms', { list: leaders.map((r) => t('report.firmItem', { name: localName(r), n: r.removals_done })).join(t('report.listSep')) })
    : '';

  const join = (...parts: string[]): string => parts.filter(Boolean).join(t('report.sentenceSep'));
  return [
    h('p', { 'data-testid': 'report-summary' }, join(t('report.sumMonth', { label, removed: m.removed, km: formatKm(m.km) }), yearSentence, kmSentence)),
    h('p', null, join(totalSentence, t('report.sumOrphan', { date: formatDay(f.as_of), orphan: totals.orphan_poles, claims: totals.open_claims }))),
    h('p', null, join(firmsSentence, t('report.sumEnforcement'))),
  ];
}
