import { formatMonthShort, formatYearOf } from '../campaign/figures.format.ts';
import { t } from '../i18n/i18n.ts';
import { baseOption, valueAxis, type ValueKind } from './chart.base.ts';
import { CHART_COLOURS } from './chart.palette.ts';
import type { ChartOption } from './echarts.setup.ts';

export interface CumulativeSpec {
  kind: ValueKind;
  /** 'YYYY-MM', oldest first */
  months: readonly string[];
  values: readonly number[];
  seriesName: string;
  colour: string;
  /** the 2019–2020 campaign's result: shaded period plus a reference line at its figure */
  baseline: { value: number; label: string; fromMonth: string; untilMonth: string; periodLabel: string } | null;
  /** the month a report is about, marked with a vertical line */
  markMonth?: string | null;
}

// Long histories show one tick per year; short ones can afford every month.
const MONTHLY_TICKS_UP_TO = 14;

export function cumulativeOption(spec: CumulativeSpec): ChartOption {
  const { months } = spec;
  const monthly = months.length <= MONTHLY_TICKS_UP_TO;
  const categories = months.map(formatMonthShort);
  const from = months.indexOf(spec.baseline?.fromMonth ?? '');
  const until = months.indexOf(spec.baseline?.untilMonth ?? '');
  const mark = spec.markMonth ? months.indexOf(spec.markMonth) : -1;

  const markLines: Array<{ yAxis?: number; xAxis?: number; name: string; lineStyle: object; label: object }> = [];
  if (spec.baseline) {
    markLines.push({
      yAxis: spec.baseline.value,
      name: spec.baseline.label,
      lineStyle: { color: CHART_COLOURS.baselineLine, type: 'dashed', width: 1.5 },
      label: { formatter: spec.baseline.label, position: 'insideMiddleBottom', color: CHART_COLOURS.baselineLine, fontWeight: 'bold' },
    });
  }
  if (mark >= 0) {
    markLines.push({
      xAxis: mark,
      name: t('chart.reportMonth'),
      lineStyle: { color: CHART_COLOURS.reportMonth, type: 'solid', width: 2 },
      // Level text above the line, ending at it: the report month is usually the last one,
      // and text centred on the right-hand edge would be cut off.
      label: { formatter: t('chart.reportMonth'), position: 'end', align: 'right', color: CHART_COLOURS.reportMonth, fontWeight: 'bold' },
    });
  }

  return {
    ...baseOption(spec.kind),
    grid: { left: 8, right: 16, top: 28, bottom: 8 },
    xAxis: {
      type: 'category',
      data: categories,
      boundaryGap: false,
      axisTick: { alignWithLabel: true },
      axisLabel: {
        hideOverlap: true,
        interval: monthly ? 0 : (index: number) => index === 0 || months[index]?.endsWith('-01') === true,
        formatter: (_: string, index: number) => (monthly ? categories[index] ?? '' : formatYearOf(months[index] ?? '')),
      },
    },
    yAxis: valueAxis(spec.kind),
    series: [
      {
        type: 'line',
        name: spec.seriesName,
        data: [...spec.values],
        showSymbol: false,
        lineStyle: { color: spec.colour, width: 2.5 },
        itemStyle: { color: spec.colour },
        areaStyle: { color: spec.colour, opacity: 0.08 },
        markLine: { silent: true, symbol: 'none', data: markLines },
        markArea:
          spec.baseline && from >= 0 && until >= from
            ? {
                silent: true,
                itemStyle: { color: CHART_COLOURS.baselineArea },
                // Beside the shading at the foot of the chart, where a cumulative line never
                // is; inside it, the label would not fit a phone and would cross the line.
                label: { position: ['100%', '92%'], align: 'left', verticalAlign: 'bottom', padding: [0, 0, 0, 4], color: '#6b4d00', formatter: spec.baseline.periodLabel },
                data: [[{ xAxis: from }, { xAxis: until }]],
              }
            : undefined,
      },
    ],
  };
}

