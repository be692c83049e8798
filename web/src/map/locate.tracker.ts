import * as L from 'leaflet';
import { t, type MessageKey } from '../i18n/i18n.ts';
import { ValueStore } from '../state/value.store.ts';

export interface Fix {
  lat: number;
  lng: number;
  /** metres, radius of 68 % confidence as the browser reports it */
  accuracy: number;
  at: number;
}

export type LocateState = { state: 'off' } | { state: 'seeking' } | { state: 'on'; fix: Fix } | { state: 'failed'; reason: MessageKey };

/** Where the officer is, for "locate me" and "add a pole at my position". */
export const locateStore = new ValueStore<LocateState>({ state: 'off' });

/** A fix older than this is not "my position" any more for placing a pole. */
const FRESH_MS = 2 * 60_000;

function reasonOf(err: GeolocationPositionError): MessageKey {
  if (err.code === err.PERMISSION_DENIED) return 'locate.denied';
  if (err.code === err.TIMEOUT) return 'locate.timeout';
  return 'locate.unavailable';
}

/**
 * Follows the device's position once asked to (watchPosition, high accuracy: an alley is
 * narrow) and draws it: a dot and a circle as wide as the reported accuracy, so nobody takes
 * a ±60 m fix for the pole's exact spot.
 */
export class LocateTracker {
  private watch: number | null = null;
  private readonly circle: L.Circle;
  private readonly dot: L.CircleMarker;
  private centreNext = false;

  constructor(private readonly map: L.Map) {
    // Its own pane above the basemap (whose district fills would wash it out) and the poles,
    // never taking a tap meant for a pole.
    const pane = map.createPane('pw-locate');
    pane.style.zIndex = '465';
    pane.style.pointerEvents = 'none';
    const renderer = L.svg({ pane: 'pw-locate', padding: 0.3 });
    this.circle = L.circle([0, 0], { radius: 1, color: '#1a73e8', weight: 1, fillColor: '#1a73e8', fillOpacity: 0.15, interactive: false, renderer });
    this.dot = L.circleMarker([0, 0], { radius: 8, color: '#fff', weight: 3, fillColor: '#1a73e8', fillOpacity: 1, interactive: false, renderer });
  }

  /** Starts following (first press) and centres the map on the next fix. */
  locate(): void {
    this.centreNext = true;
    const now = locateStore.get();
    if (now.state === 'on') this.centre(now.fix);
    if (this.watch !== null) return;
    if (!('geolocation' in navigator)) {
      locateStore.set({ state: 'failed', reason: 'locate.unsupported' });
      return;
    }
    locateStore.set({ state: 'seeking' });
    this.watch = navigator.geolocation.watchPosition(
      (pos) => this.accept({ lat: pos.coords.latitude, lng: pos.coords.longitude, accuracy: pos.coords.accuracy, at: Date.now() }),
      (err) => {
        // A timeout while following keeps the last fix; anything else stops following.
        if (err.code === err.TIMEOUT && locateStore.get().state === 'on') return;
        this.stop();
        locateStore.set({ state: 'failed', reason: reasonOf(err) });
      },
      { enableHighAccuracy: true, maximumAge: 10_000, timeout: 20_000 },
    );
  }

  /** A recent fix, or a fresh one within `waitMs`; null when the device cannot say. */
  async position(waitMs = 8000): Promise<Fix | null> {
    const now = locateStore.get();
    if (now.state === 'on' && Date.now() - now.fix.at < FRESH_MS) return now.fix;
    this.locate();
    return new Promise((resolve) => {
      const timer = setTimeout(() => done(null), waitMs);
      const unsubscribe = locateStore.subscribe((s) => {
        if (s.state === 'on') done(s.fix);
        else if (s.state === 'failed') done(null);
      });
      function done(fix: Fix | null): void {
        clearTimeout(timer);
        unsubscribe();
        resolve(fix);
      }
    });
  }

  describe(): string | null {
    const s = locateStore.get();
    if (s.state === 'on') return t('locate.accuracy', { m: Math.round(s.fix.accuracy) });
    if (s.state === 'failed') return t(s.reason);
    if (s.state === 'seeking') return t('locate.seeking');
    return null;
  }

  private accept(fix: Fix): void {
    const at = L.latLng(fix.lat, fix.lng);
    this.circle.setLatLng(at).setRadius(fix.accuracy);
    this.dot.setLatLng(at);
    if (!this.map.hasLayer(this.circle)) this.circle.addTo(this.map);
    if (!this.map.hasLayer(this.dot)) this.dot.addTo(this.map);
    locateStore.set({ state: 'on', fix });
    if (this.centreNext) this.centre(fix);
  }

  private centre(fix: Fix): void {
    this.centreNext = false;
    // Close enough to tell one pole from the next, never zooming out someone who zoomed in.
    this.map.setView([fix.lat, fix.lng], Math.max(this.map.getZoom(), 18));
  }

  private stop(): void {
    if (this.watch !== null) navigator.geolocation.clearWatch(this.watch);
    this.watch = null;
  }
}
