import type * as L from 'leaflet';

/**
 * The map comes back where it was after a reload in the same tab. In the field that reload
 * often happens with no signal, and the area just viewed is the one whose poles the service
 * worker has kept. Per tab (sessionStorage): a new tab still opens on the whole city.
 */
const KEY = 'polewatch.view';

interface SavedView {
  lat: number;
  lng: number;
  zoom: number;
}

function read(): SavedView | null {
  try {
    const v = JSON.parse(window.sessionStorage.getItem(KEY) ?? 'null') as SavedView | null;
    return v && Number.isFinite(v.lat) && Number.isFinite(v.lng) && Number.isFinite(v.zoom) ? v : null;
  } catch {
    return null;
  }
}

export function rememberView(map: L.Map): void {
  const saved = read();
  // createMap always sets the (padded) service area as a LatLngBounds.
  const bounds = map.options.maxBounds as L.LatLngBounds | undefined;
  if (saved && (!bounds || bounds.contains([saved.lat, saved.lng]))) {
    map.setView([saved.lat, saved.lng], saved.zoom, { animate: false });
  }
  map.on('moveend', () => {
    const c = map.getCenter();
    try {
      window.sessionStorage.setItem(KEY, JSON.stringify({ lat: c.lat, lng: c.lng, zoom: map.getZoom() }));
    } catch {
      // Not remembering the view is acceptable.
    }
  });
}
