import * as L from 'leaflet';
import type { Position } from 'geojson';
import type { DistrictCollection, DistrictProps } from '../api/api.types.ts';
import { lang, onLangChange } from '../i18n/i18n.ts';
import { PANES } from './map.setup.ts';

/** Shoelace area and centroid of a ring in degrees; fine at city scale, and only for placement. */
function ringCentroid(ring: Position[]): { area: number; lng: number; lat: number } {
  let area = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [x0 = 0, y0 = 0] = ring[j] ?? [];
    const [x1 = 0, y1 = 0] = ring[i] ?? [];
    const cross = x0 * y1 - x1 * y0;
    area += cross;
    cx += (x0 + x1) * cross;
    cy += (y0 + y1) * cross;
  }
  if (area === 0) {
    const [lng = 0, lat = 0] = ring[0] ?? [];
    return { area: 0, lng, lat };
  }
  return { area: Math.abs(area / 2), lng: cx / (3 * area), lat: cy / (3 * area) };
}

/** The label goes at the centre of the district's largest part, not of its bounding box. */
function labelPoint(polygons: Position[][][]): L.LatLng | null {
  let best: { area: number; lng: number; lat: number } | null = null;
  for (const polygon of polygons) {
    const outer = polygon[0];
    if (!outer || outer.length < 3) continue;
    const c = ringCentroid(outer);
    if (!best || c.area > best.area) best = c;
  }
  return best ? L.latLng(best.lat, best.lng) : null;
}

function districtName(p: DistrictProps): string {
  return lang() === 'zh' ? p.name_zh : p.name_en || p.name_zh;
}

export function addDistrictLabels(map: L.Map, districts: DistrictCollection): void {
  const labels: Array<{ el: HTMLElement; props: DistrictProps }> = [];
  for (const feature of districts.features) {
    if (!feature.geometry || feature.geometry.type !== 'MultiPolygon') continue;
    const at = labelPoint(feature.geometry.coordinates);
    if (!at) continue;
    const el = document.createElement('span');
    el.className = 'district-label-text';
    el.textContent = districtName(feature.properties);
    labels.push({ el, props: feature.properties });
    L.marker(at, {
      icon: L.divIcon({ className: 'district-label', html: el, iconSize: [0, 0] }),
      pane: PANES.labels,
      interactive: false,
      keyboard: false,
    }).addTo(map);
  }
  onLangChange(() => {
    for (const { el, props } of labels) el.textContent = districtName(props);
  });
}
