import * as L from 'leaflet';
import type { RoadWorkCollection, RoadWorkFeature } from '../api/burial.types.ts';
import { formatDay } from '../campaign/figures.format.ts';
import { onLangChange, t, tEnum } from '../i18n/i18n.ts';
import { worksWindowStore } from '../state/roadworks.store.ts';
import { bdi, h } from '../ui/dom.builder.ts';
import { rampColour } from './date.ramp.ts';

/**
 * Road works (道路改造) as wide translucent bands under the cables, coloured by planned start
 * on the date ramp of the chosen window: the dark ones come first, and are the ones a burial
 * has to be lined up with now.
 */
export class RoadWorksLayer {
  private readonly group = L.layerGroup();
  private features: RoadWorkFeature[] = [];
  private selected: number | null = null;

  constructor(
    map: L.Map,
    private readonly renderer: L.Renderer,
  ) {
    this.group.addTo(map);
    onLangChange(() => this.draw());
  }

  render(collection: RoadWorkCollection): void {
    this.features = collection.features.filter((f) => f.geometry !== null);
    this.draw();
  }

  clear(): void {
    this.features = [];
    this.draw();
  }

  /** Outlines one road work (chosen in the dig-once list); null clears it. */
  select(id: number | null): void {
    this.selected = id;
    this.draw();
  }

  drawnIds(): number[] {
    return this.features.map((f) => f.properties.id);
  }

  private draw(): void {
    this.group.clearLayers();
    const { from, to } = worksWindowStore.get();
    for (const f of this.features) {
      const colour = rampColour(f.properties.planned_start, from, to);
      const chosen = f.properties.id === this.selected;
      // A translucent band with a dashed line down it: "works here", and not a road of the basemap.
      const band = L.geoJSON(f, {
        style: (feature) => {
          const area = feature?.geometry.type === 'Polygon' || feature?.geometry.type === 'MultiPolygon';
          return { renderer: this.renderer, color: chosen ? '#1f1f1f' : colour, weight: area ? 0 : chosen ? 18 : 14, opacity: chosen ? 0.75 : 0.45, fillColor: colour, fillOpacity: 0.3, lineCap: 'round', lineJoin: 'round' };
        },
      });
      const dashes = L.geoJSON(f, { style: () => ({ renderer: this.renderer, color: colour, weight: 2.5, opacity: 1, dashArray: '8 6', fill: false, interactive: false }) });
      band.bindTooltip(() => this.tooltip(f), { sticky: true, className: 'plan-tooltip' });
      this.group.addLayer(band);
      this.group.addLayer(dashes);
    }
  }

  private tooltip(f: RoadWorkFeature): HTMLElement {
    const p = f.properties;
    return h(
      'span',
      null,
      h('strong', null, bdi(p.name)),
      h('br'),
      t('plan.works.when', { start: formatDay(p.planned_start), end: formatDay(p.planned_end) }),
      ' · ',
      tEnum('plan.worksStatus', p.status),
    );
  }
}
