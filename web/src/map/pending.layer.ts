import * as L from 'leaflet';
import { onLangChange, t } from '../i18n/i18n.ts';
import { outboxItems } from '../offline/outbox.store.ts';
import type { PoleCreateItem } from '../offline/outbox.types.ts';

/** A pole recorded on this phone and not yet on the server, as the map shows it. */
export interface PendingPole {
  ref: string;
  lat: number;
  lng: number;
  state: PoleCreateItem['state'];
}

const STYLE: L.CircleMarkerOptions = {
  radius: 10,
  color: '#c2410c',
  weight: 3,
  dashArray: '4 3',
  fillColor: '#ffedd5',
  fillOpacity: 0.95,
};
const PANE = 'pw-pending';
const FAILED: L.CircleMarkerOptions = { ...STYLE, color: '#b3261e', fillColor: '#fde2e2' };

/**
 * New poles waiting in the outbox, drawn as dashed orange rings (red once refused) in SVG
 * above the pole canvas: unmistakably not yet real, and each one tappable to see its state.
 */
export class PendingLayer {
  private readonly group = L.layerGroup();
  private drawn: PendingPole[] = [];
  private readonly renderer: L.SVG;

  constructor(map: L.Map, private readonly onSelect: () => void) {
    // Above the poles' canvas (which would otherwise take every tap meant for these) and the
    // removed poles' crosses.
    map.createPane(PANE).style.zIndex = '470';
    this.renderer = L.svg({ pane: PANE, padding: 0.3 });
    this.group.addTo(map);
    outboxItems.subscribe(() => this.render());
    onLangChange(() => this.render());
    this.render();
  }

  poles(): PendingPole[] {
    return this.drawn;
  }

  private render(): void {
    this.group.clearLayers();
    this.drawn = outboxItems
      .get()
      .filter((i): i is PoleCreateItem => i.kind === 'pole.create')
      .map((i) => ({ ref: i.ref, lat: i.lat, lng: i.lng, state: i.state }));
    for (const pole of this.drawn) {
      const marker = L.circleMarker([pole.lat, pole.lng], { ...(pole.state === 'failed' ? FAILED : STYLE), renderer: this.renderer, className: 'pending-pole' });
      marker.bindTooltip(pole.state === 'failed' ? t('outbox.poleFailed') : t('outbox.polePending'), { direction: 'top', className: 'pole-tooltip' });
      marker.on('click', () => this.onSelect());
      this.group.addLayer(marker);
    }
  }
}
