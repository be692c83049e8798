import * as L from 'leaflet';
import { CONDITIONS, OWNERSHIP_STATUSES, type OwnershipStatus, type PoleProps } from '../api/api.types.ts';
import { onLangChange, t, tEnum, type MessageKey } from '../i18n/i18n.ts';
import { removedLayerStore } from '../state/removal.store.ts';
import { sessionStore } from '../state/session.store.ts';
import { styleModeStore, type StyleMode } from '../state/style.store.ts';
import { viewStore } from '../state/view.store.ts';
import { h, replaceChildren } from '../ui/dom.builder.ts';
import { swatch } from '../ui/swatch.view.ts';
import { casesLegend } from './cases.legend.ts';
import { OTHER_OWNER_COLOUR, type Owners } from './owner.colours.ts';
import { dotStyle, swatchStyle, type DotStyle } from './pole.style.ts';

// Swatches are drawn at the smallest map size, which is what most poles look like.
const SWATCH_ZOOM = 15;

/** Legend and colour-mode switch in one box: the switch changes what the legend explains. */
export class LegendControl extends L.Control {
  private readonly details = h('details', { class: 'legend' });

  constructor(private readonly owners: Owners) {
    super({ position: 'bottomleft' });
    // On a phone the legend starts folded: the map is the point, the legend a reference.
    this.details.open = !window.matchMedia('(max-width: 640px)').matches;
    onLangChange(() => this.render());
    styleModeStore.subscribe(() => this.render());
    // The case layer is for signed-in staff: its switch comes and goes with the session.
    let signedIn = sessionStore.get().user !== null;
    sessionStore.subscribe((s) => {
      if ((s.user !== null) !== signedIn) {
        signedIn = s.user !== null;
        this.render();
      }
    });
    let lastMode = viewStore.get().mode;
    viewStore.subscribe((v) => {
      if (v.mode !== lastMode) {
        lastMode = v.mode;
        this.render();
      }
    });
  }

  override onAdd(): HTMLElement {
    const container = h('div', { class: 'leaflet-control legend-control' }, this.details);
    L.DomEvent.disableClickPropagation(container);
    L.DomEvent.disableScrollPropagation(container);
    this.render();
    return container;
  }

  private render(): void {
    const mode = styleModeStore.get();
    replaceChildren(
      this.details,
      h('summary', null, t('legend.title')),
      this.modeSwitch(mode),
      h('ul', { class: 'legend-list', 'data-testid': `legend-${mode}` }, ...this.modeItems(mode)),
      h('h3', null, t('legend.standout')),
      h(
        'ul',
        { class: 'legend-list' },
        // Drawn in the current mode, so they match the dots next to them on the map.
        this.item(this.dot({ condition: 'broken', owner_code: this.owners.carriers()[0]?.code ?? 'x', ownership_status: 'confirmed' }, mode), t('legend.broken')),
        mode === 'condition' ? this.item(this.dot({ condition: 'good', owner_code: null, ownership_status: 'unknown' }, mode), t('legend.orphan')) : null,
      ),
      viewStore.get().mode === 'summary' ? this.clusterSection() : null,
      h('h3', null, t('layer.title')),
      this.removedToggle(),
      sessionStore.get().user ? casesLegend() : null,
    );
  }

  /**
   * The removed-poles layer switch, with the cross the map draws. Not re-rendered when it is
   * ticked, so keyboard focus stays on the box.
   */
  private removedToggle(): HTMLElement {
    const input = h('input', { type: 'checkbox', id: 'layer-removed', checked: removedLayerStore.get(), 'data-testid': 'layer-removed' });
    input.addEventListener('change', () => removedLayerStore.set(input.checked));
    return h(
      'div',
      { class: 'legend-layer' },
      h('label', { class: 'legend-mode-option', for: 'layer-removed' }, input, h('span', { class: 'removed-marker legend-removed', 'aria-hidden': 'true' }), h('span', null, t('layer.removed'))),
      viewStore.get().mode === 'summary' ? h('p', { class: 'legend-hint legend-layer-hint' }, t('layer.removedZoom')) : null,
    );
  }

  private modeSwitch(mode: StyleMode): HTMLElement {
    const option = (value: StyleMode, key: MessageKey): HTMLElement => {
      const input = h('input', { type: 'radio', name: 'legend-mode', value, checked: mode === value, id: `legend-mode-${value}` });
      input.addEventListener('change', () => styleModeStore.set(value));
      return h('label', { class: 'legend-mode-option', for: `legend-mode-${value}` }, input, h('span', null, t(key)));
    };
    return h(
      'fieldset',
      { class: 'legend-mode' },
      h('legend', null, t('legend.colourBy')),
      option('condition', 'legend.mode.condition'),
      option('owner', 'legend.mode.owner'),
      option('ownership', 'legend.mode.ownership'),
    );
  }

  private modeItems(mode: StyleMode): HTMLElement[] {
    if (mode === 'condition') return this.conditionItems();
    if (mode === 'ownership') return this.ownershipItems();
    return this.ownerItems();
  }

  private conditionItems(): HTMLElement[] {
    return CONDITIONS.map((c) => this.item(this.dot({ condition: c, owner_code: 'x', ownership_status: 'confirmed' }, 'condition'), tEnum('condition', c)));
  }

  /** Each state as the map draws it: the ones without an owner keep the dashed orphan ring. */
  private ownershipItems(): HTMLElement[] {
    const ownerless: readonly OwnershipStatus[] = ['unknown', 'presumed_abandoned'];
    return OWNERSHIP_STATUSES.map((s) =>
      this.item(this.dot({ condition: 'good', owner_code: ownerless.includes(s) ? null : 'x', ownership_status: s }, 'ownership'), tEnum('ownership', s)),
    );
  }

  private ownerItems(): HTMLElement[] {
    const plain = (fill: string): DotStyle => ({ radius: 6, fill, stroke: '#2d2d2a', weight: 1, dash: null, halo: null });
    return [
      ...this.owners.carriers().map((org) => this.item(plain(this.owners.colour(org.code)), this.owners.name(org.code))),
      this.item(plain(OTHER_OWNER_COLOUR), t('legend.ownerOther')),
      this.item(this.dot({ condition: 'good', owner_code: null, ownership_status: 'unknown' }, 'owner'), t('legend.ownerNone')),
    ];
  }

  private clusterSection(): DocumentFragment {
    const fragment = document.createDocumentFragment();
    fragment.append(
      h('h3', null, t('legend.clusters')),
      h(
        'ul',
        { class: 'legend-list legend-clusters' },
        h('li', null, h('span', { class: 'legend-cluster', 'aria-hidden': 'true' }, '42'), t('legend.clusterCount')),
        h('li', null, h('span', { class: 'legend-cluster cluster-broken', 'aria-hidden': 'true', style: '--broken-share: 30%' }, ''), t('legend.clusterBroken')),
        h('li', null, h('span', { class: 'legend-badge', 'aria-hidden': 'true' }, '7'), t('legend.clusterOrphan')),
        h('li', { class: 'legend-hint' }, t('legend.clusterClick')),
      ),
    );
    return fragment;
  }

  private dot(pole: Pick<PoleProps, 'condition' | 'owner_code' | 'ownership_status'>, mode: StyleMode): DotStyle {
    return dotStyle(pole, mode, this.owners, SWATCH_ZOOM);
  }

  private item(style: DotStyle, label: string): HTMLElement {
    return h('li', null, swatch(swatchStyle(style)), h('span', null, label));
  }
}
