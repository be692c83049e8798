import { formatNumber } from '../i18n/i18n.ts';
import { formatKm } from '../campaign/figures.format.ts';
import { CHART_COLOURS, pageFont } from './chart.palette.ts';
import type { ChartOption } from './echarts.setup.ts';

/** what a chart counts: whole things (poles, cases), kilometres, or whole yuan */
export type ValueKind = 'poles' | 'km' | 'yuan';

/** Figures read the same in a chart as in the cards and tables around it. */
export function formatValue(kind: ValueKind, value: unknown): string {
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(n)) return '—';
  return kind === 'km' ? formatKm(n) : formatNumber(n);
}

/**
 * What every campaign chart shares: the page's fonts, quiet axes, an axis tooltip (ECharts'
 * own, which escapes names), and no animation for people who asked for less motion.
 */
export function baseOption(kind: ValueKind): ChartOption {
  const still = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
  return {
    animation: !still,
    animationDuration: 400,
    textStyle: { fontFamily: pageFont(), color: CHART_COLOURS.axis },
    tooltip: {
      trigger: 'axis',
      confine: true,
      valueFormatter: (value) => formatValue(kind, value),
    },
  };
}

/** The value axis: integer ticks for counts and yuan, two decimals for kilometres. */
export function valueAxis(kind: ValueKind) {
  return {
    type: 'value' as const,
    minInterval: kind === 'km' ? 0 : 1,
    splitLine: { lineStyle: { color: CHART_COLOURS.grid } },
    axisLabel: { formatter: (v: number) => (kind === 'km' ? formatKm(v, 'round') : formatNumber(v)) },
  };
}
