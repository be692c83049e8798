import * as L from 'leaflet';
import type { PoleFeature } from '../api/api.types.ts';
import { t, tEnum } from '../i18n/i18n.ts';
import { styleModeStore } from '../state/style.store.ts';
import { bdi, h } from '../ui/dom.builder.ts';
import type { Owners } from './owner.colours.ts';
import { PolePicker, type PickTarget } from './pole.picker.ts';
import { dotStyle, haloOptions, markerOptions, type DotStyle } from './pole.style.ts';

interface DrawnPole extends PickTarget {
  dot: L.CircleMarker;
  halo: L.CircleMarker | null;
}

const SELECTED_RING: L.CircleMarkerOptions = {
  color: '#0b57d0',
  weight: 3,
  fill: false,
  interactive: false,
};

/** Single poles as circle markers on one shared canvas. */
export class PolesLayer {
  private readonly group = L.layerGroup();
  private drawnPoles: DrawnPole[] = [];
  private selected: L.CircleMarker | null = null;
  private readonly picker: PolePicker;

  constructor(
    private readonly map: L.Map,
    private readonly renderer: L.Canvas,
    private readonly owners: Owners,
    onSelect: (pole: PoleFeature) => void,
  ) {
    this.group.addTo(map);
    this.picker = new PolePicker(map, () => this.drawnPoles, onSelect, (f) => this.tooltip(f));
    styleModeStore.subscribe(() => this.restyle());
    map.on('zoomend', () => this.restyle());
  }

  render(features: readonly PoleFeature[]): void {
    this.group.clearLayers();
    this.drawnPoles = [];
    this.picker.reset();
    const zoom = this.map.getZoom();
    const mode = styleModeStore.get();
    const dots: L.CircleMarker[] = [];
    // Halos go in first: a canvas paints in insertion order, and a halo must never cover
    // a neighbouring pole's dot.
    for (const feature of features) {
      const [lng = 0, lat = 0] = feature.geometry.coordinates;
      const style = dotStyle(feature.properties, mode, this.owners, zoom);
      const haloOpts = haloOptions(style);
      const halo = haloOpts ? L.circleMarker([lat, lng], { ...haloOpts, renderer: this.renderer }) : null;
      if (halo) this.group.addLayer(halo);
      // Not interactive: PolePicker does the hit-testing (nearest dot, not topmost).
      const dot = L.circleMarker([lat, lng], { ...markerOptions(style), renderer: this.renderer, interactive: false });
      dots.push(dot);
      this.drawnPoles.push({ feature, latlng: L.latLng(lat, lng), radius: style.radius, dot, halo });
    }
    for (const dot of dots) this.group.addLayer(dot);
    this.selected?.bringToFront();
  }

  clear(): void {
    this.group.clearLayers();
    this.drawnPoles = [];
    this.picker.reset();
  }

  drawn(): readonly PoleFeature[] {
    return this.drawnPoles.map((p) => p.feature);
  }

  /** How a drawn pole looks right now (for the test hook); null when it is not drawn. */
  styleOf(id: number): DotStyle | null {
    const drawn = this.drawnPoles.find((p) => p.feature.properties.id === id);
    return drawn ? dotStyle(drawn.feature.properties, styleModeStore.get(), this.owners, this.map.getZoom()) : null;
  }

  /**
   * Redraws one pole with new attributes (after an edit), without waiting for the viewport
   * to reload. Redrawing everything keeps the halo-under-dot order; it is a few ms at most.
   */
  update(feature: PoleFeature): void {
    const index = this.drawnPoles.findIndex((p) => p.feature.properties.id === feature.properties.id);
    if (index < 0) return;
    const features = this.drawnPoles.map((p) => p.feature);
    features[index] = feature;
    this.render(features);
  }

  /** Ring around the pole whose panel is open; null removes it. */
  setSelected(latlng: L.LatLngExpression | null): void {
    this.selected?.remove();
    this.selected = null;
    if (!latlng) return;
    this.selected = L.circleMarker(latlng, { ...SELECTED_RING, radius: 14, renderer: this.renderer }).addTo(this.map);
  }

  private restyle(): void {
    const zoom = this.map.getZoom();
    const mode = styleModeStore.get();
    for (const drawn of this.drawnPoles) {
      const { feature, dot, halo } = drawn;
      const style = dotStyle(feature.properties, mode, this.owners, zoom);
      drawn.radius = style.radius;
      dot.setStyle(markerOptions(style));
      dot.setRadius(style.radius);
      const haloOpts = haloOptions(style);
      if (halo && haloOpts?.radius) halo.setRadius(haloOpts.radius);
    }
  }

  /** Plain text in an element: Leaflet would parse a string as HTML. */
  private tooltip(feature: PoleFeature): HTMLElement {
    const p = feature.properties;
    const owner = p.owner_code === null ? t('panel.ownerUnknown') : this.owners.name(p.owner_code);
    const parts = [p.code, tEnum('condition', p.condition), owner];
    return h('span', null, ...parts.flatMap((part, i) => (i === 0 ? [bdi(part)] : [' · ', bdi(part)])));
  }
}
