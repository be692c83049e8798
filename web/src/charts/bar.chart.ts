import { baseOption, formatValue, valueAxis, type ValueKind } from './chart.base.ts';
import { CHART_COLOURS } from './chart.palette.ts';
import type { ChartOption } from './echarts.setup.ts';

export interface BarSeriesSpec {
  name: string;
  values: readonly number[];
  colour: string;
  /** a colour per bar instead (e.g. each case state in its stage's colour, as on the map) */
  colours?: readonly string[];
  /** print the figure at the end of each bar (not for zero: a row of 0s is noise, the table has them) */
  labels?: boolean;
}

export interface BarSpec {
  kind: ValueKind;
  categories: readonly string[];
  series: readonly BarSeriesSpec[];
  /** drawn as a thin tick across each bar; null where a category has no target */
  target?: { name: string; values: ReadonlyArray<number | null> };
}

/**
 * Horizontal bars, first category on top: district and firm names are long, and on a phone
 * a label beside the bar fits where one under it would not.
 */
export function barOption(spec: BarSpec): ChartOption {
  const bars = spec.series.map((s) => ({
    type: 'bar' as const,
    name: s.name,
    data: s.colours ? s.values.map((value, i) => ({ value, itemStyle: { color: s.colours?.[i] ?? s.colour } })) : [...s.values],
    itemStyle: { color: s.colour },
    barMaxWidth: 22,
    label: { show: s.labels === true, position: 'right' as const, formatter: (p: { value: unknown }) => (p.value === 0 ? '' : formatValue(spec.kind, p.value)) },
  }));
  const target = spec.target
    ? [
        {
          type: 'scatter' as const,
          name: spec.target.name,
          data: spec.target.values.map((v, i) => (v === null ? null : [v, i])),
          symbol: 'rect',
          symbolSize: [4, 26],
          itemStyle: { color: CHART_COLOURS.target },
          z: 5,
        },
      ]
    : [];
  const named = [...bars.map((b) => b.name), ...target.map((s) => s.name)];
  const base = baseOption(spec.kind);
  const axis = valueAxis(spec.kind);
  return {
    ...base,
    tooltip: { ...base.tooltip, axisPointer: { type: 'shadow' } },
    legend: named.length > 1 ? { top: 0, left: 0, data: named, itemHeight: 10 } : undefined,
    // Room on the right for the figure printed after the longest bar.
    grid: { left: 8, right: 40, top: named.length > 1 ? 32 : 8, bottom: 8 },
    // Narrow phones would otherwise run the value ticks into one another.
    xAxis: { ...axis, axisLabel: { ...axis.axisLabel, hideOverlap: true } },
    yAxis: { type: 'category', inverse: true, data: [...spec.categories], axisTick: { show: false }, axisLabel: { width: 96, overflow: 'break' } },
    series: [...bars, ...target],
  };
}
