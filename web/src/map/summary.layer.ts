import * as L from 'leaflet';
import type { SummaryCollection } from '../api/api.types.ts';
import { onLangChange } from '../i18n/i18n.ts';
import { clusterIcon, clusterTitle } from './cluster.icon.ts';

/** Aggregated grid cells for zoomed-out views. A few hundred DOM markers at most. */
export class SummaryLayer {
  private readonly group = L.layerGroup();
  private last: SummaryCollection | null = null;

  constructor(
    private readonly map: L.Map,
    /** the zoom at which single poles appear; a click never needs to go further */
    private readonly poleZoom: number,
    /** told before an animated zoom, whose movestart only fires a frame later */
    private readonly beforeZoom: () => void = () => undefined,
  ) {
    this.group.addTo(map);
    // Labels and titles carry translated words and locale number formats.
    onLangChange(() => {
      if (this.last) this.render(this.last);
    });
  }

  render(cells: SummaryCollection): void {
    this.last = cells;
    this.group.clearLayers();
    const half = (cells.cellSizeDeg || 0) / 2;
    // Circles never grow past their grid cell, or neighbouring cells would pile up unreadably.
    const zoom = this.map.getZoom();
    const cellPx = half > 0 ? this.map.project([0, 2 * half], zoom).x - this.map.project([0, 0], zoom).x : Infinity;
    const maxDiameter = cellPx * 0.9;
    for (const cell of cells.features) {
      if (!cell.properties || cell.properties.count <= 0) continue;
      const [lng = 0, lat = 0] = cell.geometry.coordinates;
      const marker = L.marker([lat, lng], {
        icon: clusterIcon(cell.properties, maxDiameter),
        title: clusterTitle(cell.properties),
        keyboard: true,
        riseOnHover: true,
      });
      marker.on('click', () => this.zoomTo(lat, lng, half));
      // Leaflet makes keyboard markers focusable; say what pressing Enter on them does.
      marker.on('add', () => marker.getElement()?.setAttribute('role', 'button'));
      this.group.addLayer(marker);
    }
  }

  clear(): void {
    this.last = null;
    this.group.clearLayers();
  }

  private zoomTo(lat: number, lng: number, half: number): void {
    this.beforeZoom();
    const current = this.map.getZoom();
    if (half > 0) {
      const bounds = L.latLngBounds([lat - half, lng - half], [lat + half, lng + half]);
      const target = Math.min(this.poleZoom, Math.max(current + 1, this.map.getBoundsZoom(bounds)));
      this.map.setView([lat, lng], target);
    } else {
      this.map.setView([lat, lng], Math.min(this.poleZoom, current + 2));
    }
  }
}
