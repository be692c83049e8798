import * as L from 'leaflet';
import { isAbortError } from '../api/api.error.ts';
import type { Bbox, PoleFeature } from '../api/api.types.ts';
import { fetchPoles } from '../api/poles.api.ts';
import { onLangChange, t } from '../i18n/i18n.ts';
import { filtersStore } from '../state/filters.store.ts';
import { removalRevision, removedLayerStore } from '../state/removal.store.ts';
import { describeError } from '../ui/error.describe.ts';
import type { ErrorBanner } from '../ui/error.banner.ts';
import { PANES } from './map.setup.ts';

/** Removed poles are few (hundreds in the whole city); this caps a view anyway. */
const LIMIT = 500;

export interface RemovedLayerOptions {
  map: L.Map;
  /** below this zoom the map shows summary cells, and single removed poles would be noise */
  poleZoom: number;
  banner: ErrorBanner;
  onSelect: (pole: PoleFeature) => void;
}

/** A grey cross in a finger-sized box; the legend uses the same class, so they cannot drift. */
const ICON = L.divIcon({ className: 'removed-marker', iconSize: [22, 22], iconAnchor: [11, 11] });

/**
 * 「显示已拔除」: removed poles as small grey crosses over the live map, loaded for the view
 * with the same filters as the live poles (status aside). DOM markers rather than the pole
 * canvas: there are few of them, and each is then a keyboard-reachable button that opens
 * the pole's panel with its removal record.
 */
export class RemovedLayer {
  private readonly group = L.layerGroup();
  private controller: AbortController | null = null;
  private features: PoleFeature[] = [];

  constructor(private readonly options: RemovedLayerOptions) {
    this.group.addTo(options.map);
    options.map.on('moveend', () => void this.refresh());
    removedLayerStore.subscribe(() => void this.refresh());
    removalRevision.subscribe(() => void this.refresh());
    filtersStore.subscribe(() => void this.refresh());
    // Titles carry a translated word.
    onLangChange(() => this.draw());
  }

  /** ids drawn right now (for the test hook) */
  drawn(): number[] {
    return this.features.map((f) => f.properties.id);
  }

  private async refresh(): Promise<void> {
    const { map, poleZoom, banner } = this.options;
    this.controller?.abort();
    this.controller = null;
    if (!removedLayerStore.get() || map.getZoom() < poleZoom) {
      banner.clear('removed');
      this.show([]);
      return;
    }
    const controller = new AbortController();
    this.controller = controller;
    const b = map.getBounds();
    const bbox: Bbox = [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()];
    try {
      const page = await fetchPoles(bbox, { ...filtersStore.get(), status: ['removed'] }, LIMIT, controller.signal);
      if (controller.signal.aborted) return;
      banner.clear('removed');
      this.show(page.features);
    } catch (err) {
      if (isAbortError(err) || controller.signal.aborted) return;
      banner.show('removed', { message: () => t('error.context.poles', { message: describeError(err) }), retry: () => void this.refresh() });
    }
  }

  private show(features: PoleFeature[]): void {
    this.features = features;
    this.draw();
  }

  private draw(): void {
    this.group.clearLayers();
    for (const feature of this.features) {
      const [lng = 0, lat = 0] = feature.geometry.coordinates;
      const marker = L.marker([lat, lng], {
        icon: ICON,
        pane: PANES.removed,
        title: t('layer.removedTitle', { code: feature.properties.code }),
        keyboard: true,
      });
      marker.on('click', () => this.options.onSelect(feature));
      // Leaflet makes keyboard markers focusable; say what pressing Enter on them does.
      marker.on('add', () => marker.getElement()?.setAttribute('role', 'button'));
      this.group.addLayer(marker);
    }
  }
}
