import * as L from 'leaflet';
import type { MapConfig } from '../api/api.types.ts';
import { onLangChange, t } from '../i18n/i18n.ts';

/**
 * Pane names, bottom to top. Leaflet's own: tilePane 200, overlayPane 400 (districts and
 * roads, as SVG, above any online tiles so our roads stay visible), markerPane 600.
 */
export const PANES = {
  /** district names: above the basemap, never clickable */
  labels: 'pw-labels',
  /** all poles on one canvas, above the basemap */
  poles: 'pw-poles',
  /**
   * removed poles' crosses: above the pole canvas, which would otherwise take every click
   * meant for them (a canvas catches pointer events over its whole pane)
   */
  removed: 'pw-removed',
  /** rings around the poles being picked for a case: over the dots, never catching a click */
  picks: 'pw-picks',
  /** open enforcement cases: above the poles they are about, and clickable */
  cases: 'pw-cases',
} as const;

export interface MapHandles {
  map: L.Map;
  /** shared by every pole marker: thousands of SVG nodes would make panning stutter */
  poleRenderer: L.Canvas;
  /**
   * SVG for the basemap: a thousand-odd road lines are few enough for the DOM, stay crisp,
   * and are plain elements a browser test can count.
   */
  basemapRenderer: L.SVG;
}

const DEFAULT_MAX_ZOOM = 19;

export function createMap(container: HTMLElement, config: MapConfig): MapHandles {
  const [minLng, minLat, maxLng, maxLat] = config.serviceArea;
  const serviceArea = L.latLngBounds([minLat, minLng], [maxLat, maxLng]);
  const map = L.map(container, {
    preferCanvas: true,
    center: [config.center[1], config.center[0]],
    zoom: config.zoom,
    minZoom: 8,
    maxZoom: config.tileLayer?.maxZoom ?? DEFAULT_MAX_ZOOM,
    // Generous padding: a planner looking at the edge of the city still needs room to pan,
    // but nobody should get lost over an empty ocean of grey.
    maxBounds: serviceArea.pad(1),
    maxBoundsViscosity: 0.8,
    // Added below with translated button titles instead of Leaflet's English ones.
    zoomControl: false,
  });
  addZoomControl(map);
  map.attributionControl.setPrefix(false);

  const pane = (name: string, zIndex: number, interactive: boolean): void => {
    const el = map.createPane(name);
    el.style.zIndex = String(zIndex);
    if (!interactive) el.style.pointerEvents = 'none';
  };
  pane(PANES.labels, 420, false);
  pane(PANES.poles, 450, true);
  pane(PANES.picks, 455, false);
  pane(PANES.removed, 460, true);
  pane(PANES.cases, 470, true);

  // tolerance widens the hit area around each small dot to a comfortable finger size.
  const poleRenderer = L.canvas({ pane: PANES.poles, tolerance: 8 });
  const basemapRenderer = L.svg({ padding: 0.3 });
  return { map, poleRenderer, basemapRenderer };
}

function addZoomControl(map: L.Map): void {
  let control: L.Control.Zoom | null = null;
  const add = (): void => {
    control?.remove();
    control = L.control.zoom({ position: 'topleft', zoomInTitle: t('map.zoomIn'), zoomOutTitle: t('map.zoomOut') }).addTo(map);
  };
  add();
  onLangChange(add);
}
