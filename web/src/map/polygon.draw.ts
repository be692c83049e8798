import * as L from 'leaflet';
import type { Polygon } from 'geojson';
import { onLangChange, t } from '../i18n/i18n.ts';
import { drawingStore } from '../state/draw.store.ts';
import { DrawBar } from './draw.bar.ts';

const SHAPE: L.PathOptions = { color: '#0b57d0', weight: 3, dashArray: '6 4', fillColor: '#0b57d0', fillOpacity: 0.12 };

export interface DrawCallbacks {
  /** the area was closed with three or more corners */
  onFinish: (area: Polygon) => void;
  onCancel: () => void;
}

/**
 * Click-to-add-corner area drawing: each click on the map adds a corner; a bar over the map
 * shows how many there are, with Undo, Finish and Cancel. No drawing library: this is all
 * the bulk tools need, and nothing has to be fetched from outside.
 */
export class PolygonDraw {
  private readonly layer = L.layerGroup();
  private readonly bar: DrawBar;
  private points: L.LatLng[] = [];
  private callbacks: DrawCallbacks | null = null;
  private readonly onClick = (e: L.LeafletMouseEvent): void => this.add(e.latlng);

  constructor(private readonly map: L.Map) {
    this.bar = new DrawBar(map, 'draw');
    onLangChange(() => this.renderBar());
    document.addEventListener('keydown', (e) => {
      if (e.key === 'Escape' && this.callbacks && !document.querySelector('dialog[open]')) this.cancel();
    });
  }

  start(callbacks: DrawCallbacks): void {
    this.stop();
    this.clear();
    this.callbacks = callbacks;
    this.layer.addTo(this.map);
    this.map.on('click', this.onClick);
    // Quick clicks for corners must not zoom the map.
    this.map.doubleClickZoom.disable();
    this.map.getContainer().classList.add('drawing');
    drawingStore.set(true);
    this.renderBar(true);
    this.bar.focusFirst();
  }

  /** Removes the drawn area from the map (after it was used, or to start again). */
  clear(): void {
    this.points = [];
    this.layer.clearLayers();
    this.layer.remove();
  }

  private stop(): void {
    this.map.off('click', this.onClick);
    this.map.doubleClickZoom.enable();
    this.map.getContainer().classList.remove('drawing');
    drawingStore.set(false);
    this.bar.hide();
    this.callbacks = null;
  }

  private add(latlng: L.LatLng): void {
    this.points.push(latlng);
    this.redraw();
  }

  private undo(): void {
    this.points.pop();
    this.redraw();
  }

  private finish(): void {
    const callbacks = this.callbacks;
    if (!callbacks || this.points.length < 3) return;
    const ring = this.points.map((p) => [p.lng, p.lat]);
    const first = ring[0]!;
    this.stop();
    callbacks.onFinish({ type: 'Polygon', coordinates: [[...ring, [...first]]] });
  }

  private cancel(): void {
    const callbacks = this.callbacks;
    this.stop();
    this.clear();
    callbacks?.onCancel();
  }

  private redraw(): void {
    this.layer.clearLayers();
    if (this.points.length >= 3) this.layer.addLayer(L.polygon(this.points, { ...SHAPE, interactive: false }));
    else if (this.points.length === 2) this.layer.addLayer(L.polyline(this.points, { ...SHAPE, interactive: false }));
    for (const p of this.points) this.layer.addLayer(L.circleMarker(p, { radius: 5, color: '#0b57d0', weight: 2, fillColor: '#fff', fillOpacity: 1, interactive: false }));
    this.renderBar();
  }

  private renderBar(open = this.bar.visible): void {
    if (!open) return;
    const n = this.points.length;
    this.bar.show(n < 3 ? t('draw.hint', { n }) : t('draw.ready', { n }), [
      { key: 'finish', label: t('draw.finish'), primary: true, disabled: n < 3, run: () => this.finish() },
      { key: 'undo', label: t('draw.undo'), disabled: n === 0, run: () => this.undo() },
      { key: 'cancel', label: t('draw.cancel'), run: () => this.cancel() },
    ]);
  }
}
