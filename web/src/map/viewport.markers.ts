import * as L from 'leaflet';
import { isAbortError } from '../api/api.error.ts';
import type { Bbox } from '../api/api.types.ts';
import { onLangChange } from '../i18n/i18n.ts';
import { describeError } from '../ui/error.describe.ts';
import type { ErrorBanner } from '../ui/error.banner.ts';

/**
 * A switchable overlay of a few DOM markers loaded for the current view (removed poles,
 * open cases): reloaded on every move and whenever its switch or its data changes, with a
 * newer load cancelling an older one, and failures said in the banner under its own key.
 * DOM markers because there are few of them, and each is a keyboard-reachable button.
 */
export abstract class ViewportMarkers<T> {
  protected readonly group = L.layerGroup();
  protected items: T[] = [];
  private controller: AbortController | null = null;

  constructor(
    protected readonly map: L.Map,
    private readonly banner: ErrorBanner,
    /** the banner's key for this layer's failures */
    private readonly key: string,
  ) {
    this.group.addTo(map);
    map.on('moveend', () => void this.refresh());
    // Titles carry translated words.
    onLangChange(() => this.draw());
  }

  /** whether anything should be drawn now (switched on, zoomed in, signed in ...) */
  protected abstract enabled(): boolean;
  protected abstract fetch(bbox: Bbox, signal: AbortSignal): Promise<T[]>;
  /** the banner's sentence for a failed load */
  protected abstract failure(message: string): string;
  protected abstract marker(item: T): L.Marker;

  async refresh(): Promise<void> {
    this.controller?.abort();
    this.controller = null;
    if (!this.enabled()) {
      this.banner.clear(this.key);
      this.show([]);
      return;
    }
    const controller = new AbortController();
    this.controller = controller;
    const b = this.map.getBounds();
    try {
      const items = await this.fetch([b.getWest(), b.getSouth(), b.getEast(), b.getNorth()], controller.signal);
      if (controller.signal.aborted) return;
      this.banner.clear(this.key);
      this.show(items);
    } catch (err) {
      if (isAbortError(err) || controller.signal.aborted) return;
      this.banner.show(this.key, { message: () => this.failure(describeError(err)), retry: () => void this.refresh() });
    }
  }

  private show(items: T[]): void {
    this.items = items;
    this.draw();
  }

  private draw(): void {
    this.group.clearLayers();
    for (const item of this.items) {
      const marker = this.marker(item);
      // Leaflet makes keyboard markers focusable; say what pressing Enter on them does.
      marker.on('add', () => marker.getElement()?.setAttribute('role', 'button'));
      this.group.addLayer(marker);
    }
  }
}
