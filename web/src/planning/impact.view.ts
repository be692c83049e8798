import type { Impact, ImpactWarning } from '../api/burial.types.ts';
import { barOption } from '../charts/bar.chart.ts';
import { ChartView } from '../charts/chart.view.ts';
import { formatDay, formatLength } from '../campaign/figures.format.ts';
import { lang, locale, t } from '../i18n/i18n.ts';
import type { Owners } from '../map/owner.colours.ts';
import { bdi, h, type Child } from '../ui/dom.builder.ts';

/** How far apart the page's and the server's lengths may be before the page says so. */
export const LENGTH_TOLERANCE = 0.005;

function warningText(w: ImpactWarning): string {
  const when = w.planned_start && w.planned_end ? t('plan.warn.when', { start: formatDay(w.planned_start), end: formatDay(w.planned_end) }) : '';
  const overlap = w.overlap_m !== undefined ? `${t('plan.warn.overlap', { m: Math.round(w.overlap_m) })} · ` : '';
  if (w.kind === 'road_works_overlap') return overlap + t('plan.warn.roadWorks', { name: w.name ?? '', when });
  if (w.kind === 'burial_overlap') return overlap + t('plan.warn.burial', { name: w.name ?? '', when });
  if (w.kind === 'no_road_works') return t('plan.warn.noRoadWorks');
  return w.message;
}

function share(diff: number): string {
  return new Intl.NumberFormat(locale(), { style: 'percent', maximumFractionDigits: 2 }).format(diff);
}

function figure(label: string, value: Child, testid: string, note?: Child): HTMLElement {
  return h('div', { class: 'plan-figure' }, h('dt', null, label), h('dd', { 'data-testid': testid }, value), note ? h('dd', { class: 'hint' }, note) : null);
}

/**
 * What burying cable along a route does: its length (the server's and, while drawing, the
 * page's own), the spans and overhead kilometres it takes down, the firms concerned as a
 * bar chart in their colours, the poles it frees and the warnings, each in a sentence.
 */
export class ImpactView {
  private readonly chart = new ChartView(() => t('plan.impact.firmsChart'), { testId: 'impact-firms' });

  constructor(private readonly owners: Owners) {}

  /** `clientLength` is the page's own Turf measure of the drawn route; null for a saved project. */
  render(impact: Impact, clientLength: number | null): HTMLElement {
    const diff = clientLength !== null && impact.length_m > 0 ? Math.abs(clientLength - impact.length_m) / impact.length_m : null;
    const firms = [...impact.firms].sort((a, b) => b.overhead_m - a.overhead_m);
    const el = h(
      'section',
      { class: 'plan-impact', 'data-testid': 'impact', 'aria-label': t('plan.impact.title') },
      h(
        'dl',
        { class: 'plan-figures' },
        figure(t('plan.impact.lengthServer'), formatLength(impact.length_m), 'impact-length-server'),
        clientLength !== null
          ? figure(t('plan.impact.lengthClient'), formatLength(clientLength), 'impact-length-client', diff !== null ? (diff <= LENGTH_TOLERANCE ? t('plan.impact.lengthAgree', { diff: share(diff) }) : t('plan.impact.lengthDisagree', { diff: share(diff) })) : null)
          : null,
        figure(t('plan.impact.spans'), t('plan.impact.spansValue', { n: impact.spans.count }), 'impact-spans'),
        figure(t('plan.impact.overhead'), formatLength(impact.spans.overhead_m), 'impact-overhead'),
        figure(t('plan.impact.freed'), t('plan.impact.freedValue', { n: impact.freed_poles.length }), 'impact-freed', impact.freed_poles.length > 0 ? t('plan.impact.freedHint') : null),
        figure(t('plan.impact.corridor'), t('plan.corridorValue', { m: impact.corridor_m }), 'impact-corridor'),
      ),
      firms.length > 0 ? this.chart.el : h('p', { class: 'hint' }, t('plan.impact.noFirms')),
      firms.length > 0
        ? h('ul', { class: 'plan-firm-list', 'data-testid': 'impact-firm-list' }, ...firms.map((f) => h('li', { 'data-firm': f.code }, h('span', { class: 'plan-firm-dot', style: `background:${this.owners.colour(f.code)}` }), bdi(lang() === 'zh' ? f.name_zh : f.name_en || f.name_zh), ' · ', t('plan.impact.firmLine', { n: f.spans, length: formatLength(f.overhead_m) }))))
        : null,
      h('h4', null, t('plan.impact.warnings')),
      impact.warnings.length > 0
        ? h('ul', { class: 'plan-warnings', 'data-testid': 'impact-warnings' }, ...impact.warnings.map((w) => h('li', { class: `plan-warning plan-warning-${w.kind}`, 'data-kind': w.kind }, warningText(w))))
        : h('p', { class: 'hint', 'data-testid': 'impact-warnings' }, t('plan.impact.noWarnings')),
    );
    return el;
  }

  /** Draws the firms chart; call once render()'s element is in the document. */
  drawChart(impact: Impact): void {
    const firms = [...impact.firms].sort((a, b) => b.overhead_m - a.overhead_m);
    if (firms.length === 0) return;
    this.chart.show(() =>
      barOption({
        kind: 'km',
        categories: firms.map((f) => (lang() === 'zh' ? f.name_zh : f.name_en || f.name_zh)),
        series: [{ name: t('plan.impact.firmsSeries'), values: firms.map((f) => f.overhead_m / 1000), colour: '#57606a', colours: firms.map((f) => this.owners.colour(f.code)), labels: true }],
      }),
    );
  }
}
