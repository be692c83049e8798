import * as L from 'leaflet';
import { PANES } from './map.setup.ts';

/** Orange, unlike the blue ring of the pole whose panel is open: these are a case's poles. */
const RING: L.CircleMarkerOptions = { color: '#c98a00', weight: 3, dashArray: '5 3', fill: false, interactive: false, radius: 13 };

/**
 * Rings around the poles chosen for a new case, so the officer picking them on the map sees
 * which ones are in. Drawn in a pane of their own over the pole canvas (a ring under it would
 * be hidden by the dots), which never takes a click: the click must reach the pole picker.
 */
export class PickRings {
  private readonly group = L.layerGroup();
  private readonly renderer = L.svg({ pane: PANES.picks });

  constructor(private readonly map: L.Map) {}

  show(points: ReadonlyArray<{ lat: number; lng: number }>): void {
    this.group.clearLayers();
    for (const p of points) this.group.addLayer(L.circleMarker([p.lat, p.lng], { ...RING, renderer: this.renderer }));
    if (points.length > 0) this.group.addTo(this.map);
    else this.group.remove();
  }
}
