import * as L from 'leaflet';
import type { FreedPole } from '../api/burial.types.ts';
import { t } from '../i18n/i18n.ts';

/**
 * Poles a burial frees (可拔除杆): no overhead cable is (or would be) left on them. Drawn
 * above the cables, each with its code: those a drawn route or an open project would free,
 * and, in a second layer, those completed projects have flagged.
 */
export class CandidatesLayer {
  private readonly group = L.layerGroup();
  private poles: FreedPole[] = [];

  constructor(
    map: L.Map,
    private readonly renderer: L.Renderer,
    private readonly style: L.CircleMarkerOptions,
  ) {
    this.group.addTo(map);
  }

  show(poles: readonly FreedPole[]): void {
    this.poles = [...poles];
    this.group.clearLayers();
    for (const pole of this.poles) {
      const marker = L.circleMarker([pole.lat, pole.lng], { ...this.style, renderer: this.renderer });
      marker.bindTooltip(() => t('plan.freedTitle', { code: pole.code }), { direction: 'top', className: 'plan-tooltip' });
      this.group.addLayer(marker);
    }
  }

  drawn(): readonly FreedPole[] {
    return this.poles;
  }
}
