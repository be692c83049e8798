import * as L from 'leaflet';
import type { DistrictCollection } from '../api/api.types.ts';
import { fetchBuriedSpans, fetchRemovedPoles } from '../api/dashboard.api.ts';
import { fetchConfig, fetchDistricts, fetchRoads } from '../api/reference.api.ts';
import { addDistricts, addRoads, addTileLayer } from '../map/basemap.layer.ts';
import { createMap } from '../map/map.setup.ts';
import { CHART_COLOURS } from '../charts/chart.palette.ts';
import { onLangChange, t } from '../i18n/i18n.ts';
import { h, replaceChildren } from '../ui/dom.builder.ts';
import { describeError } from '../ui/error.describe.ts';
import { lineSwatch, swatch, type SwatchStyle } from '../ui/swatch.view.ts';

// What the server allows in one answer; the public map shows at most this many of each.
const REMOVED_LIMIT = 20000;
const SPAN_LIMIT = 5000;

/** Small near-black dots: a removed pole is gone, so it is marked without colour or owner. */
const REMOVED_DOT = { radius: 2.5, color: '#111111', weight: 0.75, fillColor: '#4a4a4a', fillOpacity: 0.8 };
// The legend's dot is a little larger than the map's, or it would be a speck beside its text.
const REMOVED_SWATCH: SwatchStyle = { fill: REMOVED_DOT.fillColor, stroke: REMOVED_DOT.color, strokeWidth: REMOVED_DOT.weight, radius: 3.5 };
const BURIED_LINE = { color: CHART_COLOURS.buried, weight: 4, opacity: 0.9 };

function districtBounds(districts: DistrictCollection): L.LatLngBounds | null {
  const bounds = L.geoJSON(districts).getBounds();
  return bounds.isValid() ? bounds : null;
}

/**
 * The public map of what has been done: the offline basemap (districts and roads, as on the
 * main map), removed poles as dots and buried cable routes as green lines. Places and days
 * only: the public endpoints carry nothing about people.
 */
export class ProgressMap {
  readonly el: HTMLElement;
  private readonly container = h('div', { class: 'progress-map', id: 'progress-map', 'data-state': 'loading' });
  private readonly title = h('h3', { class: 'section-title' });
  private readonly status = h('p', { class: 'hint map-count', role: 'status' });
  private readonly legend = h('ul', { class: 'map-legend' });
  private counts: { poles: number; spans: number; capped: boolean } | null = null;
  private error: unknown = null;

  constructor() {
    this.container.setAttribute('role', 'region');
    this.el = h('section', { class: 'map-section' }, this.title, this.legend, this.container, this.status);
    this.label();
    onLangChange(() => this.label());
  }

  /** Call once the section is in the document: Leaflet measures its container. */
  async start(): Promise<void> {
    try {
      const [config, districts, roads, removed, spans] = await Promise.all([
        fetchConfig(),
        fetchDistricts(),
        fetchRoads(),
        fetchRemovedPoles(REMOVED_LIMIT),
        fetchBuriedSpans(SPAN_LIMIT),
      ]);
      const { map, poleRenderer, basemapRenderer } = createMap(this.container, config);
      // A page that scrolls must not have its scroll captured by the map; pinch and buttons still zoom.
      map.scrollWheelZoom.disable();
      // Quarter steps let the whole city fill the frame instead of the nearest whole zoom
      // leaving it small in the middle (Leaflet reads zoomSnap on every zoom, so this holds).
      map.options.zoomSnap = 0.25;
      const overTiles = config.tileLayer !== null;
      addTileLayer(map, config.tileLayer);
      addDistricts(map, basemapRenderer, districts, overTiles);
      addRoads(map, basemapRenderer, roads, overTiles);

      for (const f of removed.features) {
        if (f.geometry?.type !== 'Point') continue;
        const [lng = 0, lat = 0] = f.geometry.coordinates;
        L.circleMarker([lat, lng], { ...REMOVED_DOT, renderer: poleRenderer, interactive: false }).addTo(map);
      }
      // Drawn after the dots on the same canvas: a buried route must not vanish under the
      // removed poles that once stood along it.
      for (const f of spans.features) {
        if (f.geometry?.type !== 'LineString') continue;
        L.polyline(f.geometry.coordinates.map(([lng = 0, lat = 0]) => L.latLng(lat, lng)), { ...BURIED_LINE, renderer: poleRenderer, interactive: false }).addTo(map);
      }
      const bounds = districtBounds(districts);
      if (bounds) map.fitBounds(bounds, { padding: [8, 8] });

      this.counts = { poles: removed.features.length, spans: spans.features.length, capped: removed.features.length >= REMOVED_LIMIT || spans.next !== null };
      this.container.dataset.removed = String(this.counts.poles);
      this.container.dataset.spans = String(this.counts.spans);
      this.container.dataset.state = 'ready';
    } catch (err) {
      this.error = err;
      this.container.dataset.state = 'failed';
    }
    this.label();
  }

  private label(): void {
    this.title.textContent = t('pub.mapTitle');
    this.container.setAttribute('aria-label', t('pub.mapLabel'));
    replaceChildren(
      this.legend,
      h('li', null, swatch(REMOVED_SWATCH, 14), t('pub.legendRemoved')),
      h('li', null, lineSwatch({ colour: BURIED_LINE.color, width: BURIED_LINE.weight }), t('pub.legendBuried')),
    );
    if (this.error) {
      this.status.textContent = t('pub.mapFailed', { message: describeError(this.error) });
      this.status.classList.add('form-message', 'form-message-error');
    } else if (this.counts) {
      const capped = this.counts.capped ? t('pub.mapCapped') : '';
      this.status.textContent = t('pub.mapCount', { poles: this.counts.poles, spans: this.counts.spans }) + capped;
    } else {
      this.status.textContent = t('campaign.loading');
    }
  }
}
