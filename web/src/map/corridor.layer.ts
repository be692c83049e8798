import * as L from 'leaflet';
import { CORRIDOR_COLOUR, metresPerPixel } from './burial.style.ts';

/**
 * The corridor around a route, drawn without a buffer library: a line stroked with round
 * caps and joins is exactly the set of points within half its width of the line, so a
 * stroke 2 × corridor metres wide (in pixels at this zoom) is the buffer, as drawn.
 */
export class CorridorLayer {
  private line: L.Polyline | null = null;
  private route: L.LatLng[] = [];
  private metres = 0;

  constructor(private readonly map: L.Map) {
    map.on('zoomend', () => this.restyle());
  }

  show(route: readonly L.LatLng[], metres: number): void {
    this.route = [...route];
    this.metres = metres;
    if (!this.line) {
      this.line = L.polyline(this.route, { color: CORRIDOR_COLOUR, opacity: 0.14, lineCap: 'round', lineJoin: 'round', interactive: false }).addTo(this.map);
    } else {
      this.line.setLatLngs(this.route);
    }
    // Under the route and its vertex handles, whatever was drawn later.
    this.line.bringToBack();
    this.restyle();
  }

  clear(): void {
    this.line?.remove();
    this.line = null;
    this.route = [];
  }

  private restyle(): void {
    if (!this.line || this.route.length === 0) return;
    const lat = this.route.reduce((sum, p) => sum + p.lat, 0) / this.route.length;
    this.line.setStyle({ weight: Math.max(2, (2 * this.metres) / metresPerPixel(lat, this.map.getZoom())) });
  }
}
