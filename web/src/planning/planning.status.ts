import * as L from 'leaflet';
import { onLangChange, t } from '../i18n/i18n.ts';
import { planningLayersStore, spanViewStore } from '../state/planning.store.ts';
import { h, replaceChildren } from '../ui/dom.builder.ts';

/** The planning map's count line: how much cable is drawn, or that one must zoom in to see it. */
export class PlanningStatus extends L.Control {
  private readonly box = h('div', { class: 'leaflet-control map-status', role: 'status', 'aria-live': 'polite', 'data-testid': 'plan-status' });

  constructor() {
    super({ position: 'topright' });
    spanViewStore.subscribe(() => this.render());
    planningLayersStore.subscribe(() => this.render());
    onLangChange(() => this.render());
  }

  override onAdd(): HTMLElement {
    L.DomEvent.disableClickPropagation(this.box);
    this.render();
    return this.box;
  }

  private render(): void {
    const view = spanViewStore.get();
    const { overhead, buried } = planningLayersStore.get();
    // Both cable layers off: there is nothing to count, nor to zoom in for.
    this.box.hidden = !overhead && !buried;
    replaceChildren(
      this.box,
      h('span', { class: 'map-status-count' }, view ? t('plan.count.spans', { overhead: view.overhead, buried: view.buried }) : t('plan.legend.zoomForSpans')),
      view?.capped ? h('span', { class: 'map-status-capped' }, t('plan.count.capped')) : null,
    );
  }
}
