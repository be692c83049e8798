import type * as L from 'leaflet';
import { isAbortError } from '../api/api.error.ts';
import type { Bbox, MapConfig, PoleFeature } from '../api/api.types.ts';
import { fetchPoleSummary, fetchPoles } from '../api/poles.api.ts';
import type { PoleFilters } from '../api/poles.query.ts';
import { t } from '../i18n/i18n.ts';
import { DeferredCall } from '../state/deferred.call.ts';
import { filtersStore } from '../state/filters.store.ts';
import { viewStore, type ViewMode } from '../state/view.store.ts';
import { describeError } from '../ui/error.describe.ts';
import type { ErrorBanner } from '../ui/error.banner.ts';
import type { ProgressBar } from '../ui/progress.bar.ts';
import type { PolesLayer } from './poles.layer.ts';
import type { SummaryLayer } from './summary.layer.ts';

/** Waits for the map to settle: a drag or wheel spin fires many moveends in a row. */
const DEBOUNCE_MS = 250;
/** Equals the server default; sent anyway so the cap is explicit in every request. */
const POLE_LIMIT = 2000;

export interface ViewportDeps {
  map: L.Map;
  config: MapConfig;
  poles: PolesLayer;
  summary: SummaryLayer;
  progress: ProgressBar;
  banner: ErrorBanner;
}

/**
 * Loads only what the viewport shows. Each new view cancels the request for the previous
 * one, so a slow answer for where the user *was* can never overwrite where they are.
 */
export class ViewportLoader {
  private readonly next = new DeferredCall(() => void this.load());
  private controller: AbortController | null = null;

  constructor(private readonly deps: ViewportDeps) {}

  start(): void {
    const { map } = this.deps;
    // Marking "loading" as soon as the map starts moving (not when the debounce fires)
    // closes the gap in which a test could read a stale "0".
    map.on('movestart', () => this.setLoadingFlag(true));
    map.on('moveend', () => this.schedule());
    filtersStore.subscribe(() => this.schedule());
    void this.load();
  }

  /** Re-fetch the current view, e.g. from the error banner's retry button. */
  reload(): void {
    this.schedule(0);
  }

  /**
   * For moves that start a frame late (animated zooms): flag "loading" now, and load anyway
   * if the move never comes, so the flag cannot stay stuck at "1".
   */
  expectMove(): void {
    this.schedule(600);
  }

  modeForZoom(zoom: number): ViewMode {
    return zoom < this.deps.config.clusterBelowZoom ? 'summary' : 'poles';
  }

  private schedule(delay = DEBOUNCE_MS): void {
    this.setLoadingFlag(true);
    this.next.schedule(delay);
  }

  private async load(): Promise<void> {
    const { map, poles, summary, progress, banner } = this.deps;
    this.controller?.abort();
    const controller = new AbortController();
    this.controller = controller;

    const zoom = map.getZoom();
    const mode = this.modeForZoom(zoom);
    const bbox = currentBbox(map);
    const filters = filtersStore.get();
    this.setLoadingFlag(true);
    progress.begin();
    try {
      if (mode === 'summary') {
        const cells = await fetchPoleSummary(bbox, zoom, filters, controller.signal);
        poles.clear();
        summary.render(cells);
        const count = cells.features.reduce((sum, c) => sum + (c.properties?.count ?? 0), 0);
        viewStore.set({ mode, count, capped: false, loaded: true });
      } else {
        const page = await fetchPoles(bbox, filters, POLE_LIMIT, controller.signal);
        const shown = applyClientFilters(page.features, filters);
        summary.clear();
        poles.render(shown);
        viewStore.set({ mode, count: shown.length, capped: page.next !== null, loaded: true });
      }
      banner.clear('viewport');
    } catch (err) {
      if (isAbortError(err) || controller.signal.aborted) return;
      // The previous drawing stays: slightly stale poles beat a blank map.
      banner.show('viewport', {
        message: () => t('error.context.poles', { message: describeError(err) }),
        retry: () => this.reload(),
      });
    } finally {
      progress.end();
      if (this.controller === controller) {
        this.controller = null;
        if (!this.next.pending()) this.setLoadingFlag(false);
      }
    }
  }

  private setLoadingFlag(loading: boolean): void {
    document.body.dataset.loading = loading ? '1' : '0';
  }
}

function currentBbox(map: L.Map): Bbox {
  const b = map.getBounds();
  return [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()];
}

/**
 * The server filters; this is a safety net for the one filter it might not know yet
 * (cable tangle), so ticking the box never shows poles that plainly don't match.
 */
function applyClientFilters(features: readonly PoleFeature[], filters: PoleFilters): PoleFeature[] {
  return filters.tangle ? features.filter((f) => f.properties.cable_tangle) : [...features];
}
