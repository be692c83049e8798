import * as L from 'leaflet';

/** Orange, unlike the blue ring of the pole whose panel is open: these are a case's poles. */
const RING: L.CircleMarkerOptions = { color: '#c98a00', weight: 3, dashArray: '4 3', fill: false, interactive: false, radius: 13 };

/**
 * Rings around the poles chosen for a new case, so the officer picking them on the map sees
 * which ones are in. SVG, not the pole canvas: a handful of rings, redrawn on every change.
 */
export class PickRings {
  private readonly group = L.layerGroup();

  constructor(private readonly map: L.Map) {}

  show(points: ReadonlyArray<{ lat: number; lng: number }>): void {
    this.group.clearLayers();
    for (const p of points) this.group.addLayer(L.circleMarker([p.lat, p.lng], RING));
    if (points.length > 0) this.group.addTo(this.map);
    else this.group.remove();
  }
}
