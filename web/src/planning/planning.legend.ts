import * as L from 'leaflet';
import { PROJECT_STATUSES } from '../api/burial.types.ts';
import { onLangChange, t, tEnum, type MessageKey } from '../i18n/i18n.ts';
import { AFFECTED_SPAN, BURIED_SPAN, FREED_POLE, FREED_PREVIEW, PROJECT_COLOURS, projectStyle, ROUTE_LINE } from '../map/burial.style.ts';
import { rampGradient } from '../map/date.ramp.ts';
import type { Owners } from '../map/owner.colours.ts';
import { planningLayersStore, type PlanningLayers } from '../state/planning.store.ts';
import { worksWindowStore } from '../state/roadworks.store.ts';
import { h, replaceChildren, type Child } from '../ui/dom.builder.ts';
import { lineSwatch, swatch } from '../ui/swatch.view.ts';
import { SPAN_ZOOM } from './planning.layers.ts';

const LAYER_LABELS: Record<keyof PlanningLayers, MessageKey> = {
  overhead: 'plan.layer.overhead',
  buried: 'plan.layer.buried',
  works: 'plan.layer.works',
  projects: 'plan.layer.projects',
  candidates: 'plan.layer.candidates',
};

/**
 * The planning map's legend, with a switch per layer: firms' colours for overhead cable,
 * grey dashes for buried cable, the date ramp of the road works window, project statuses,
 * and what a drawn route marks (its corridor, the cables it would bury, the poles it frees).
 */
export class PlanningLegend extends L.Control {
  private readonly details = h('details', { class: 'legend plan-legend', open: true });

  constructor(
    private readonly map: L.Map,
    private readonly owners: Owners,
  ) {
    super({ position: 'bottomleft' });
    onLangChange(() => this.render());
    worksWindowStore.subscribe(() => this.render());
    let zoomedIn = map.getZoom() >= SPAN_ZOOM;
    map.on('zoomend', () => {
      if (zoomedIn !== map.getZoom() >= SPAN_ZOOM) {
        zoomedIn = !zoomedIn;
        this.render();
      }
    });
  }

  override onAdd(): HTMLElement {
    const container = h('div', { class: 'leaflet-control legend-control', 'data-testid': 'plan-legend' }, this.details);
    L.DomEvent.disableClickPropagation(container);
    L.DomEvent.disableScrollPropagation(container);
    this.details.open = !window.matchMedia('(max-width: 640px)').matches;
    this.render();
    return container;
  }

  private render(): void {
    const works = worksWindowStore.get();
    const item = (mark: Child, label: string): HTMLElement => h('li', null, mark, h('span', null, label));
    replaceChildren(
      this.details,
      h('summary', null, t('legend.title')),
      this.toggle('overhead'),
      h('ul', { class: 'legend-list' }, ...this.owners.carriers().map((o) => item(lineSwatch({ colour: this.owners.colour(o.code), width: 4 }), this.owners.name(o.code)))),
      this.map.getZoom() < SPAN_ZOOM ? h('p', { class: 'legend-hint' }, t('plan.legend.zoomForSpans')) : null,
      this.toggle('buried'),
      h('ul', { class: 'legend-list' }, item(lineSwatch({ colour: BURIED_SPAN.color!, width: 2, dash: '5 4' }), t('plan.legend.buried'))),
      this.toggle('works'),
      h(
        'div',
        { class: 'ramp', 'data-testid': 'works-ramp' },
        h('span', { class: 'ramp-bar', style: `background: ${rampGradient()}`, 'aria-hidden': 'true' }),
        h('span', { class: 'ramp-ends' }, h('span', null, works.from), h('span', null, works.to)),
        h('span', { class: 'legend-hint' }, t('plan.legend.rampHint')),
      ),
      this.toggle('projects'),
      h('ul', { class: 'legend-list' }, ...PROJECT_STATUSES.map((s) => item(lineSwatch({ colour: PROJECT_COLOURS[s], width: 5, dash: projectStyle(s).dashArray as string | undefined }), tEnum('plan.status', s)))),
      this.toggle('candidates'),
      h('ul', { class: 'legend-list' }, item(swatch({ fill: FREED_POLE.fillColor!, stroke: FREED_POLE.color!, strokeWidth: FREED_POLE.weight!, radius: 6 }), t('plan.legend.registered'))),
      h('h3', null, t('plan.legend.drawn')),
      h(
        'ul',
        { class: 'legend-list' },
        item(lineSwatch({ colour: ROUTE_LINE.color!, width: ROUTE_LINE.weight!, dash: ROUTE_LINE.dashArray as string }), t('plan.legend.route')),
        item(lineSwatch({ colour: ROUTE_LINE.color!, width: 12, opacity: 0.16 }), t('plan.legend.corridor')),
        item(lineSwatch({ colour: AFFECTED_SPAN.color!, width: 7 }), t('plan.legend.affected')),
        item(swatch({ fill: FREED_PREVIEW.fillColor!, stroke: FREED_PREVIEW.color!, strokeWidth: FREED_PREVIEW.weight!, radius: 5 }), t('plan.legend.freed')),
      ),
    );
  }

  /** Not re-rendered when ticked, so keyboard focus stays on the box. */
  private toggle(key: keyof PlanningLayers): HTMLElement {
    const input = h('input', { type: 'checkbox', id: `plan-layer-${key}`, checked: planningLayersStore.get()[key], 'data-testid': `plan-layer-${key}` });
    input.addEventListener('change', () => planningLayersStore.set({ ...planningLayersStore.get(), [key]: input.checked }));
    return h('label', { class: 'legend-mode-option plan-layer-toggle', for: `plan-layer-${key}` }, input, h('span', null, t(LAYER_LABELS[key])));
  }
}
