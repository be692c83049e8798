import * as L from 'leaflet';
import type { DistrictCollection, RoadCollection, RoadKind, TileLayerConfig } from '../api/api.types.ts';
import { sanitizeAttribution } from './attribution.sanitize.ts';
import { addDistrictLabels } from './district.labels.ts';
import { ROAD_DRAW_ORDER, roadStyle } from './road.style.ts';

// Soft pastel fills tell neighbouring districts apart without competing with pole colours.
const DISTRICT_FILLS = ['#fbf3df', '#e9f3e6', '#e6eef8', '#f6e9ef', '#eeeaf6', '#e8f4f3'];

/**
 * The map must be usable with no internet: our own districts and roads are the basemap.
 * Online tiles are an optional extra underneath, never a dependency.
 */
export function addTileLayer(map: L.Map, tile: TileLayerConfig | null): void {
  if (!tile) return;
  L.tileLayer(tile.url, {
    attribution: sanitizeAttribution(tile.attribution),
    maxZoom: tile.maxZoom,
    crossOrigin: true,
  }).addTo(map);
}

export function addDistricts(map: L.Map, renderer: L.SVG, districts: DistrictCollection, overTiles: boolean): void {
  districts.features.forEach((feature, index) => {
    if (!feature.geometry || feature.geometry.type !== 'MultiPolygon') return;
    const latlngs = feature.geometry.coordinates.map((polygon) =>
      polygon.map((ring) => ring.map(([lng = 0, lat = 0]) => L.latLng(lat, lng))),
    );
    L.polygon(latlngs, {
      renderer,
      interactive: false,
      color: '#6a5a8c',
      weight: 2,
      opacity: 0.8,
      dashArray: '8 5',
      fillColor: DISTRICT_FILLS[index % DISTRICT_FILLS.length],
      // Over tiles a solid fill would hide the streets the tiles are there to show.
      fillOpacity: overTiles ? 0.08 : 0.85,
    }).addTo(map);
  });
  addDistrictLabels(map, districts);
}

export function addRoads(map: L.Map, renderer: L.SVG, roads: RoadCollection, overTiles: boolean): void {
  // Casings for every kind first, then the lines, so a casing never paints over a crossing road.
  const byKind = new Map<RoadKind, Array<{ casing: L.Polyline | null; line: L.Polyline }>>();
  const casings = L.layerGroup();
  const lines = L.layerGroup();
  for (const kind of ROAD_DRAW_ORDER) byKind.set(kind, []);

  const zoom = map.getZoom();
  for (const feature of roads.features) {
    if (!feature.geometry || feature.geometry.type !== 'LineString') continue;
    const latlngs = feature.geometry.coordinates.map(([lng = 0, lat = 0]) => L.latLng(lat, lng));
    const kind = byKind.has(feature.properties.kind) ? feature.properties.kind : 'street';
    const look = roadStyle(kind, overTiles, zoom);
    const casing = look.casing ? L.polyline(latlngs, { ...look.casing, renderer, interactive: false }) : null;
    const line = L.polyline(latlngs, { ...look.line, renderer, interactive: false });
    byKind.get(kind)?.push({ casing, line });
  }
  for (const kind of ROAD_DRAW_ORDER) {
    for (const { casing, line } of byKind.get(kind) ?? []) {
      if (casing) casings.addLayer(casing);
      lines.addLayer(line);
    }
  }
  casings.addTo(map);
  lines.addTo(map);

  map.on('zoomend', () => {
    const z = map.getZoom();
    for (const [kind, items] of byKind) {
      const look = roadStyle(kind, overTiles, z);
      for (const { casing, line } of items) {
        if (casing && look.casing) casing.setStyle(look.casing);
        line.setStyle(look.line);
      }
    }
  });
}
