import type { CaseStats } from '../api/cases.types.ts';
import type { Dashboard } from '../api/dashboard.types.ts';
import type { Loadable } from '../state/loadable.ts';
import { describeError } from '../ui/error.describe.ts';
import { openCaseCount } from './enforcement.charts.ts';
import { formatNumber, t } from '../i18n/i18n.ts';
import { formatDay, formatKm, formatShare } from '../campaign/figures.format.ts';
import { kpiCard, type Kpi } from '../campaign/kpi.card.ts';
import { targetProgress } from '../campaign/target.progress.ts';

/** The dashboard's key figures, each against the baseline or the year's target where one exists. */
export function dashboardKpis(f: Dashboard, cases: Loadable<CaseStats>): HTMLElement[] {
  const { totals, campaign } = f;
  const year = String(f.year);
  const none = t('campaign.none');
  const unitPoles = t('campaign.unitPoles');

  const baseline = campaign?.baseline_removed ?? null;
  const removedTotal: Kpi = {
    testId: 'kpi-removed-total',
    label: t('kpi.removedTotal'),
    value: formatNumber(totals.removed_total),
    unit: unitPoles,
    notes:
      campaign && baseline !== null
        ? [
            t('kpi.removedTotalNote', {
              baseline,
              until: campaign.baseline_until ? formatDay(campaign.baseline_until) : none,
              since: totals.removed_since_baseline,
            }),
            t('kpi.vsBaseline', { pct: formatShare(totals.removed_total, baseline) ?? none }),
          ]
        : [],
    // Baseline and what came after, as two parts of one bar: the campaign's whole story.
    meter:
      baseline !== null
        ? {
            parts: [
              { value: totals.removed_until_baseline, tone: 'baseline' },
              { value: totals.removed_since_baseline, tone: 'since' },
            ],
            max: Math.max(totals.removed_total, baseline),
            label: t('kpi.vsBaseline', { pct: formatShare(totals.removed_total, baseline) ?? none }),
          }
        : null,
  };

  const yearTarget = targetProgress('poles', totals.removed_this_year, totals.target_poles, year);
  const removedYear: Kpi = {
    testId: 'kpi-removed-year',
    label: t('kpi.removedYear', { year }),
    value: formatNumber(totals.removed_this_year),
    unit: unitPoles,
    notes: [yearTarget.note],
    meter: yearTarget.meter,
  };

  const kmTarget = targetProgress('km', totals.km_buried_this_year, totals.target_km, year);
  const km: Kpi = {
    testId: 'kpi-km',
    label: t('kpi.kmTotal'),
    value: formatKm(totals.km_buried_total),
    unit: t('campaign.unitKm'),
    notes: [t('kpi.kmNote', { baseline: formatKm(campaign?.baseline_km ?? 0, 'round'), km: formatKm(totals.km_buried_this_year), year }), kmTarget.note],
    meter: kmTarget.meter,
  };

  const orphan: Kpi = {
    testId: 'kpi-orphan',
    label: t('kpi.orphan'),
    value: formatNumber(totals.orphan_poles),
    unit: unitPoles,
    notes: [t('kpi.orphanNote', { standing: totals.poles_standing, pct: formatShare(totals.orphan_poles, totals.poles_standing) ?? none })],
  };

  const claims: Kpi = { testId: 'kpi-claims', label: t('kpi.openClaims'), value: formatNumber(totals.open_claims), notes: [t('kpi.openClaimsNote')] };

  // Enforcement figures come from their own request: while it loads or if it failed, say so
  // rather than show a zero that reads as "none overdue".
  const enforcement = (testId: string, label: string, value: (stats: CaseStats) => number, note: (stats: CaseStats) => string): Kpi => {
    if (cases.state === 'ready') return { testId, label, value: formatNumber(value(cases.value)), unit: t('kpi.unitCases'), notes: [note(cases.value)] };
    return {
      testId,
      label,
      value: none,
      notes: [cases.state === 'failed' ? t('dash.enforcementFailed', { message: describeError(cases.error) }) : t('campaign.loading')],
      empty: true,
    };
  };
  const casesOpen = enforcement('kpi-cases', t('kpi.casesOpen'), openCaseCount, (s) => t('kpi.casesOpenNote', { opened: s.opened_this_year, closed: s.closed_this_year }));
  const overdue = enforcement('kpi-overdue', t('kpi.ordersOverdue'), (s) => s.overdue, () => t('kpi.overdueNote'));

  return [removedTotal, removedYear, km, orphan, claims, casesOpen, overdue].map(kpiCard);
}
