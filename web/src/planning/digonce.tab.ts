import * as L from 'leaflet';
import { fetchRanking, fetchRoadWorks } from '../api/roadworks.api.ts';
import type { RankedRoadWork, RoadWorkCollection } from '../api/burial.types.ts';
import { loadStateView } from '../admin/load.state.ts';
import { noteAuthFailure } from '../auth/session.actions.ts';
import { formatDay, formatLength } from '../campaign/figures.format.ts';
import { formatNumber, t } from '../i18n/i18n.ts';
import { loadInto, type Loadable } from '../state/loadable.ts';
import { planningRevision } from '../state/planning.store.ts';
import { worksWindowStore } from '../state/roadworks.store.ts';
import { bdi, h, replaceChildren } from '../ui/dom.builder.ts';
import { field } from '../ui/form.field.ts';
import type { PlanningContext } from './planning.context.ts';

interface Ranked {
  items: RankedRoadWork[];
  /** the same works with their geometry, for "show on map" */
  works: RoadWorkCollection;
}

/**
 * 一次开挖 (dig once): the road works planned to start in the window, those with the most
 * overhead cable, tangled and orphan poles along them first. Burying cable while the road is
 * open anyway is the cheap moment; a click shows the works on the map.
 */
export class DigOnceTab {
  readonly el = h('div', { class: 'plan-tab digonce-tab', 'data-testid': 'digonce-tab' });
  private state: Loadable<Ranked> = { state: 'loading' };
  private request: AbortController | null = null;

  constructor(private readonly ctx: PlanningContext) {
    worksWindowStore.subscribe(() => this.refresh());
    planningRevision.subscribe(() => {
      if (this.el.isConnected) this.refresh();
    });
  }

  refresh(): void {
    this.request?.abort();
    const request = new AbortController();
    this.request = request;
    const span = worksWindowStore.get();
    void loadInto(
      async () => {
        const [items, works] = await Promise.all([fetchRanking(span, request.signal), fetchRoadWorks(span, request.signal)]);
        return { items, works };
      },
      (state) => {
        if (request.signal.aborted) return;
        this.state = state;
        this.render();
      },
      noteAuthFailure,
    );
  }

  render(): void {
    replaceChildren(this.el, h('p', { class: 'hint' }, t('plan.dig.intro')), this.windowFields(), this.list());
  }

  private windowFields(): HTMLElement {
    const current = worksWindowStore.get();
    const from = field(t('plan.dig.from'), h('input', { type: 'date', name: 'from', value: current.from, 'data-testid': 'window-from' }));
    const to = field(t('plan.dig.to'), h('input', { type: 'date', name: 'to', value: current.to, 'data-testid': 'window-to' }));
    const apply = (): void => {
      const a = from.control.value;
      const b = to.control.value;
      const wrong = !a || !b || b < a;
      to.setError(wrong ? t('plan.endBeforeStart') : null);
      if (!wrong) worksWindowStore.set({ from: a, to: b });
    };
    from.control.addEventListener('change', apply);
    to.control.addEventListener('change', apply);
    return h('div', { class: 'plan-dates' }, from.row, to.row);
  }

  private list(): HTMLElement | null {
    if (this.state.state !== 'ready') return loadStateView(this.state, () => this.refresh());
    const { items, works } = this.state.value;
    if (items.length === 0) return h('p', { class: 'work-empty' }, t('plan.dig.none'));
    return h(
      'ol',
      { class: 'work-list plan-ranking', 'data-testid': 'ranking-list' },
      ...items.map((item, index) => {
        const zoom = h('button', { type: 'button', class: 'button button-small', 'data-testid': 'ranking-zoom', 'aria-label': t('plan.dig.zoomTo', { name: item.name }) }, t('work.zoom'));
        zoom.addEventListener('click', () => this.zoomTo(item.id, works));
        return h(
          'li',
          { class: 'work-item', 'data-works-id': item.id },
          h('div', { class: 'work-item-head' }, h('div', { class: 'work-item-main' }, h('span', { class: 'plan-rank' }, formatNumber(index + 1)), h('strong', null, bdi(item.name))), zoom),
          h('p', { class: 'hint' }, t('plan.works.when', { start: formatDay(item.planned_start), end: formatDay(item.planned_end) })),
          h(
            'p',
            { class: 'plan-rank-figures' },
            t('plan.dig.figures', { overhead: formatLength(item.overhead_m), spans: item.overhead_spans, tangled: item.tangled_poles, orphan: item.orphan_poles }),
          ),
          item.firms.length ? h('p', { class: 'pole-chips' }, ...item.firms.map((code) => h('span', { class: 'chip plan-firm-chip', style: `border-color:${this.ctx.owners.colour(code)}` }, this.ctx.owners.name(code)))) : null,
        );
      }),
    );
  }

  private zoomTo(id: number, works: RoadWorkCollection): void {
    const feature = works.features.find((f) => f.properties.id === id);
    if (!feature) return;
    const bounds = L.geoJSON(feature).getBounds();
    if (!bounds.isValid()) return;
    this.ctx.setPanelOpen(false);
    this.ctx.map.fitBounds(bounds, { padding: [60, 60], maxZoom: 17 });
    this.ctx.layers.works.select(id);
  }
}
