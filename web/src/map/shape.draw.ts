import './leaflet.global.ts';
import '@geoman-io/leaflet-geoman-free';
import '@geoman-io/leaflet-geoman-free/dist/leaflet-geoman.css';
import * as L from 'leaflet';
import { t } from '../i18n/i18n.ts';
import type { Child } from '../ui/dom.builder.ts';
import type { DrawBar } from './draw.bar.ts';

/** Geoman's names for the two shapes planners draw: a burial route or road works. */
export type DrawShape = 'Line' | 'Polygon';

export interface ShapeDrawCallbacks {
  /** what the bar says while drawing: points placed so far, and the cursor (null when there is none) */
  describe: (points: readonly L.LatLng[], cursor: L.LatLng | null) => Child;
  /** the points changed: while drawing (cursor set) or while a vertex is dragged after it */
  onProgress?: (points: readonly L.LatLng[], cursor: L.LatLng | null) => void;
  /** the shape was finished, and again after each edit of it */
  onShape: (layer: L.Polyline) => void;
  onCancel?: () => void;
}

/** Geoman's own toolbar calls these; the plugin has no public "finish" or "undo" for a draw in progress. */
interface DrawHandler {
  _finishShape(): void;
  _removeLastVertex(): void;
}

const MIN_POINTS: Record<DrawShape, number> = { Line: 2, Polygon: 3 };

/**
 * Drawing with Leaflet-Geoman: a click adds a point, the bar over the map says how far the
 * drawing has got and offers Finish / Undo / Cancel. Once finished the shape stays editable:
 * drag a vertex, drag a middle handle to add one, right-click a vertex to remove it.
 */
export class ShapeDraw {
  private working: L.Polyline | null = null;
  private layer: L.Polyline | null = null;
  private shape: DrawShape = 'Line';
  private callbacks: ShapeDrawCallbacks | null = null;
  private cursor: L.LatLng | null = null;
  /** true from start() until the shape is made or dropped: geoman's events are map-wide, and another drawer may share the map */
  private active = false;

  constructor(
    private readonly map: L.Map,
    private readonly bar: DrawBar,
    private readonly style: L.PathOptions,
  ) {
    map.pm.setGlobalOptions({ snappable: false, allowSelfIntersection: false, tooltips: false, finishOnEnter: true });
    map.on('pm:drawstart', (e) => {
      if (!this.active) return;
      this.working = e.workingLayer as L.Polyline;
      this.working.on('pm:change', (c: { latlngs: unknown }) => this.progress(c.latlngs));
      this.working.on('pm:vertexadded pm:vertexremoved', () => this.progress(null));
    });
    map.on('pm:create', (e) => {
      if (this.active) this.created(e.layer as L.Polyline);
    });
    map.on('pm:drawend', () => {
      if (!this.active) return;
      // Drawing ended without a shape (Undo past the first point): the same as Cancel.
      this.working = null;
      this.cancel();
    });
    document.addEventListener('keydown', (e) => {
      if (e.key === 'Escape' && this.isDrawing() && !document.querySelector('dialog[open]')) this.cancel();
    });
  }

  isDrawing(): boolean {
    return this.active;
  }

  /** The finished (and maybe edited) shape, or null. */
  current(): L.Polyline | null {
    return this.layer;
  }

  start(shape: DrawShape, callbacks: ShapeDrawCallbacks): void {
    this.clear();
    this.shape = shape;
    this.callbacks = callbacks;
    this.cursor = null;
    this.active = true;
    // Double-clicking the last point ends the line; it must not also zoom the map.
    this.map.doubleClickZoom.disable();
    this.map.getContainer().classList.add('drawing');
    this.map.pm.enableDraw(shape, { templineStyle: this.style, hintlineStyle: { ...this.style, dashArray: '5 5', opacity: 0.7 }, pathOptions: this.style });
    this.renderBar();
    this.bar.focusFirst();
  }

  /** Takes the shape off the map (after it was used, or to start again). */
  clear(): void {
    if (this.active) {
      this.active = false;
      this.map.pm.disableDraw();
      // The bar and the map's drawing state are shared with the other drawer: only if they are ours.
      this.bar.hide();
      this.stopped();
    }
    if (this.layer) {
      this.layer.pm.disable();
      this.layer.remove();
    }
    this.layer = null;
    this.callbacks = null;
  }

  private stopped(): void {
    this.map.getContainer().classList.remove('drawing');
    this.map.doubleClickZoom.enable();
  }

  finish(): void {
    this.handler()._finishShape();
  }

  private handler(): DrawHandler {
    return (this.map.pm.Draw as unknown as Record<DrawShape, DrawHandler>)[this.shape];
  }

  private cancel(): void {
    const callbacks = this.callbacks;
    this.clear();
    callbacks?.onCancel?.();
  }

  private points(): L.LatLng[] {
    return this.working ? (this.working.getLatLngs() as L.LatLng[]) : [];
  }

  private progress(latlngs: unknown): void {
    const placed = this.points();
    // While drawing, pm:change carries the placed points plus the cursor as the last one.
    const moved = Array.isArray(latlngs) && latlngs.length === placed.length + 1;
    if (moved) this.cursor = latlngs[latlngs.length - 1] as L.LatLng;
    this.callbacks?.onProgress?.(placed, this.cursor);
    // A moving cursor changes the words only; a point added or taken away changes the buttons.
    if (moved && this.callbacks && this.bar.visible) this.bar.setHint(this.callbacks.describe(placed, this.cursor));
    else if (!moved) this.renderBar();
  }

  private created(layer: L.Polyline): void {
    const callbacks = this.callbacks;
    this.active = false;
    this.layer = layer;
    this.bar.hide();
    this.stopped();
    layer.pm.enable({ allowSelfIntersection: false, snappable: false });
    layer.on('pm:change', () => callbacks?.onProgress?.(layer.getLatLngs().flat(2) as L.LatLng[], null));
    layer.on('pm:edit', () => callbacks?.onShape(layer));
    callbacks?.onShape(layer);
  }

  private renderBar(): void {
    const callbacks = this.callbacks;
    if (!callbacks || !this.isDrawing()) return;
    const points = this.points();
    this.bar.show(callbacks.describe(points, this.cursor), [
      { key: 'finish', label: t('draw.finish'), primary: true, disabled: points.length < MIN_POINTS[this.shape], run: () => this.finish() },
      { key: 'undo', label: t('draw.undo'), disabled: points.length === 0, run: () => this.handler()._removeLastVertex() },
      { key: 'cancel', label: t('draw.cancel'), run: () => this.cancel() },
    ]);
  }
}
