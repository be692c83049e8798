import * as L from 'leaflet';
import type { Bbox, PoleFeature } from '../api/api.types.ts';
import { fetchPoles } from '../api/poles.api.ts';
import { t } from '../i18n/i18n.ts';
import { filtersStore } from '../state/filters.store.ts';
import { removalRevision, removedLayerStore } from '../state/removal.store.ts';
import type { ErrorBanner } from '../ui/error.banner.ts';
import { PANES } from './map.setup.ts';
import { ViewportMarkers } from './viewport.markers.ts';

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
export class RemovedLayer extends ViewportMarkers<PoleFeature> {
  constructor(private readonly options: RemovedLayerOptions) {
    super(options.map, options.banner, 'removed');
    removedLayerStore.subscribe(() => void this.refresh());
    removalRevision.subscribe(() => void this.refresh());
    filtersStore.subscribe(() => void this.refresh());
  }

  /** ids drawn right now (for the test hook) */
  drawn(): number[] {
    return this.items.map((f) => f.properties.id);
  }

  protected enabled(): boolean {
    return removedLayerStore.get() && this.map.getZoom() >= this.options.poleZoom;
  }

  protected async fetch(bbox: Bbox, signal: AbortSignal): Promise<PoleFeature[]> {
    return (await fetchPoles(bbox, { ...filtersStore.get(), status: ['removed'] }, LIMIT, signal)).features;
  }

  protected failure(message: string): string {
    return t('error.context.poles', { message });
  }

  protected marker(feature: PoleFeature): L.Marker {
    const [lng = 0, lat = 0] = feature.geometry.coordinates;
    const marker = L.marker([lat, lng], {
      icon: ICON,
      pane: PANES.removed,
      title: t('layer.removedTitle', { code: feature.properties.code }),
      keyboard: true,
    });
    marker.on('click', () => this.options.onSelect(feature));
    return marker;
  }
}
