import type * as L from 'leaflet';
import { isAbortError } from '../api/api.error.ts';
import type { Bbox } from '../api/api.types.ts';
import { DeferredCall } from '../state/deferred.call.ts';

/** A drag or a wheel spin fires many moveends in a row; one request once the map settles. */
const DEBOUNCE_MS = 250;

export interface BboxSourceOptions<T> {
  map: L.Map;
  /** below this zoom nothing is fetched (too much to draw) and `onClear` is called */
  minZoom?: number;
  fetch: (bbox: Bbox, signal: AbortSignal) => Promise<T>;
  onData: (data: T) => void;
  onClear: () => void;
  onError: (err: unknown) => void;
  /** told when a load is queued and when the latest one has settled, for the progress bar and tests */
  onBusy?: (busy: boolean) => void;
}

/**
 * Loads one overlay for the part of the map in view. Each new view cancels the request for
 * the previous one, so a slow answer for where the user was never overwrites where they are.
 * A switched-off layer fetches nothing. The pole map has its own loader (summary cells, the
 * count line); this is the plain version the planning layers share.
 */
export class BboxSource<T> {
  private readonly next = new DeferredCall(() => void this.load());
  private controller: AbortController | null = null;
  private enabled = true;
  /** from the moment a load is queued until the latest one has settled */
  private busy = false;

  constructor(private readonly options: BboxSourceOptions<T>) {
    options.map.on('moveend', () => this.schedule(DEBOUNCE_MS));
  }

  setEnabled(enabled: boolean): void {
    this.enabled = enabled;
    this.schedule(0);
  }

  isEnabled(): boolean {
    return this.enabled;
  }

  /** Fetch again now, e.g. after something on the server changed what the layer shows. */
  reload(): void {
    this.schedule(0);
  }

  private schedule(delay: number): void {
    this.setBusy(true);
    this.next.schedule(delay);
  }

  private setBusy(busy: boolean): void {
    if (busy === this.busy) return;
    this.busy = busy;
    this.options.onBusy?.(busy);
  }

  private async load(): Promise<void> {
    const { map, minZoom, fetch, onData, onClear, onError } = this.options;
    this.controller?.abort();
    this.controller = null;
    if (!this.enabled || (minZoom !== undefined && map.getZoom() < minZoom)) {
      onClear();
      if (!this.next.pending()) this.setBusy(false);
      return;
    }
    const controller = new AbortController();
    this.controller = controller;
    const b = map.getBounds();
    try {
      const data = await fetch([b.getWest(), b.getSouth(), b.getEast(), b.getNorth()], controller.signal);
      if (!controller.signal.aborted) onData(data);
    } catch (err) {
      if (!isAbortError(err) && !controller.signal.aborted) onError(err);
    } finally {
      // A superseded load leaves the flag to the one that replaced it.
      if (this.controller === controller) {
        this.controller = null;
        if (!this.next.pending()) this.setBusy(false);
      }
    }
  }
}
