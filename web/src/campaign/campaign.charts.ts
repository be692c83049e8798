import type { Campaign, DistrictFigures, FirmFigures, LocationKindFigures, MonthFigures } from '../api/dashboard.types.ts';
import type { BarSpec } from '../charts/bar.chart.ts';
import { CHART_COLOURS } from '../charts/chart.palette.ts';
import type { CumulativeSpec } from '../charts/cumulative.chart.ts';
import { t } from '../i18n/i18n.ts';
import { formatDay, formatKm } from './figures.format.ts';
import { kindName, localName } from './campaign.names.ts';

/** Chart specs from the server's figures, shared by the dashboard, the public page and the report. */

type CumulativeMonth = Pick<MonthFigures, 'month' | 'cumulative_removed' | 'cumulative_km'>;

/**
 * The baseline period runs from the first recorded month (the 2019 campaign's start) to the
 * month of `baseline_until`; the server names only its end.
 */
function baselinePeriod(series: readonly CumulativeMonth[], campaign: Campaign | null): { fromMonth: string; untilMonth: string; periodLabel: string } | null {
  const first = series[0]?.month;
  const untilDay = campaign?.baseline_until;
  const until = untilDay?.slice(0, 7);
  if (!first || !untilDay || !until || until < first) return null;
  return { fromMonth: first, untilMonth: until, periodLabel: t('chart.baselinePeriod', { until: formatDay(untilDay) }) };
}

export function removedCumulative(series: readonly CumulativeMonth[], campaign: Campaign | null, markMonth: string | null = null): CumulativeSpec {
  const period = baselinePeriod(series, campaign);
  return {
    kind: 'poles',
    months: series.map((s) => s.month),
    values: series.map((s) => s.cumulative_removed),
    seriesName: t('chart.total'),
    colour: CHART_COLOURS.removed,
    baseline: campaign && period ? { ...period, value: campaign.baseline_removed, label: t('chart.baselineRemoved', { n: campaign.baseline_removed }) } : null,
    markMonth,
  };
}

export function kmCumulative(series: readonly CumulativeMonth[], campaign: Campaign | null): CumulativeSpec {
  const period = baselinePeriod(series, campaign);
  return {
    kind: 'km',
    months: series.map((s) => s.month),
    values: series.map((s) => s.cumulative_km),
    seriesName: t('chart.kmBuried'),
    colour: CHART_COLOURS.buried,
    baseline: campaign && period ? { ...period, value: campaign.baseline_km, label: t('chart.baselineKm', { n: formatKm(campaign.baseline_km, 'round') }) } : null,
  };
}

/** All-time and this year's removals per district, with the year's target as a tick. */
export function districtBars(rows: readonly DistrictFigures[], year: number): BarSpec {
  const y = String(year);
  const hasTargets = rows.some((r) => r.target_poles !== null);
  return {
    kind: 'poles',
    categories: rows.map(localName),
    series: [
      { name: t('chart.total'), values: rows.map((r) => r.removed_total), colour: CHART_COLOURS.removed, labels: true },
      { name: t('chart.year', { year: y }), values: rows.map((r) => r.removed_this_year), colour: CHART_COLOURS.year, labels: true },
    ],
    ...(hasTargets ? { target: { name: t('chart.target', { year: y }), values: rows.map((r) => r.target_poles) } } : {}),
  };
}

/** The public page's district bars: what has been done, nothing about targets or firms. */
export function districtPublicBars(rows: ReadonlyArray<Pick<DistrictFigures, 'name_zh' | 'name_en' | 'removed_total'>>): BarSpec {
  return {
    kind: 'poles',
    categories: rows.map(localName),
    series: [{ name: t('chart.total'), values: rows.map((r) => r.removed_total), colour: CHART_COLOURS.removed, labels: true }],
  };
}

/** Ranked as the server sends them (most removals first). */
export function firmBars(rows: readonly FirmFigures[], year: number): BarSpec {
  return {
    kind: 'poles',
    categories: rows.map(localName),
    series: [
      { name: t('chart.total'), values: rows.map((r) => r.removals_done), colour: CHART_COLOURS.removed, labels: true },
      { name: t('chart.year', { year: String(year) }), values: rows.map((r) => r.removals_this_year), colour: CHART_COLOURS.year, labels: true },
    ],
  };
}

export function kindBars(rows: readonly LocationKindFigures[], year: number): BarSpec {
  return {
    kind: 'poles',
    categories: rows.map((r) => kindName(r.location_kind)),
    series: [
      { name: t('chart.total'), values: rows.map((r) => r.removed_total), colour: CHART_COLOURS.removed, labels: true },
      { name: t('chart.year', { year: String(year) }), values: rows.map((r) => r.removed_this_year), colour: CHART_COLOURS.year, labels: true },
    ],
  };
}
