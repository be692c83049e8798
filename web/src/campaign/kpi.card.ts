import { h } from '../ui/dom.builder.ts';

export interface MeterPart {
  value: number;
  /** CSS modifier: 'baseline' | 'since' | 'progress' */
  tone: string;
}

export interface Kpi {
  testId: string;
  label: string;
  /** the figure, already formatted; "—" style text when there is no data */
  value: string;
  unit?: string;
  notes?: readonly string[];
  /** filled parts of a bar out of `max`, described in words by `label` for screen readers */
  meter?: { parts: readonly MeterPart[]; max: number; label: string } | null;
  /** no data behind this card yet (enforcement): drawn quieter so it is not read as zero */
  empty?: boolean;
}

function meterView(meter: NonNullable<Kpi['meter']>): HTMLElement {
  const total = meter.parts.reduce((sum, p) => sum + p.value, 0);
  const bar = h('div', {
    class: 'kpi-meter',
    role: 'progressbar',
    'aria-valuemin': 0,
    'aria-valuemax': meter.max,
    'aria-valuenow': Math.min(total, meter.max),
    'aria-label': meter.label,
  });
  let left = 0;
  for (const part of meter.parts) {
    const share = meter.max > 0 ? Math.max(0, Math.min(100 - left, (part.value / meter.max) * 100)) : 0;
    // Widths are set as properties, never as markup: nothing here is parsed.
    const fill = h('span', { class: `kpi-meter-fill kpi-meter-${part.tone}` });
    fill.style.width = `${share}%`;
    bar.appendChild(fill);
    left += share;
  }
  return bar;
}

/** One key figure: label, big number, a bar when there is something to measure it against. */
export function kpiCard(kpi: Kpi): HTMLElement {
  return h(
    'article',
    { class: kpi.empty ? 'kpi kpi-empty' : 'kpi', 'data-testid': kpi.testId },
    h('h3', { class: 'kpi-label' }, kpi.label),
    h('p', { class: 'kpi-value' }, h('span', { class: 'kpi-number', 'data-testid': `${kpi.testId}-value` }, kpi.value), kpi.unit ? h('span', { class: 'kpi-unit' }, kpi.unit) : null),
    kpi.meter ? meterView(kpi.meter) : null,
    ...(kpi.notes ?? []).map((note) => h('p', { class: 'kpi-note' }, note)),
  );
}
