import type * as L from 'leaflet';
import type { PoleFeature } from '../api/api.types.ts';
import { fetchPole } from '../api/poles.api.ts';
import type { LayoutController } from './layout.controller.ts';

/** Close enough to tell neighbouring poles apart, and above the summary zoom levels. */
const POLE_ZOOM = 18;

/**
 * "Zoom to" from the lists (officers' queue, carrier portal): centres the map on the pole and
 * opens its panel. The pole is fetched first, so a list needs only its id and the map goes
 * where the pole is now. On a phone the list covers the map, so it steps aside.
 */
export class PoleNavigator {
  constructor(
    private readonly map: L.Map,
    private readonly layout: LayoutController,
    private readonly openPanel: (pole: PoleFeature) => void,
  ) {}

  async goTo(id: number): Promise<void> {
    const { pole } = await fetchPole(id);
    const [lng = 0, lat = 0] = pole.geometry.coordinates;
    if (this.layout.isNarrow()) this.layout.setWorkOpen(false, false);
    this.map.setView([lat, lng], Math.max(this.map.getZoom(), POLE_ZOOM));
    this.openPanel(pole);
  }

  /** A double-pole pair: both in view, then the removal candidate opened. */
  async showPair(keep: { lng: number; lat: number }, removeId: number): Promise<void> {
    const { pole } = await fetchPole(removeId);
    const [lng = 0, lat = 0] = pole.geometry.coordinates;
    if (this.layout.isNarrow()) this.layout.setWorkOpen(false, false);
    this.map.fitBounds(
      [
        [keep.lat, keep.lng],
        [lat, lng],
      ],
      { maxZoom: 19, padding: [80, 80] },
    );
    this.openPanel(pole);
  }
}
