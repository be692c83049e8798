import * as L from 'leaflet';
import type { FreedPole } from '../api/burial.types.ts';
import { t } from '../i18n/i18n.ts';
import { FREED_POLE } from './burial.style.ts';

/**
 * Poles a burial frees (可拔除杆): no overhead cable would be left on them. Drawn above the
 * cables, each with its code, whether from a route being drawn or a completed project.
 */
export class CandidatesLayer {
  private readonly group = L.layerGroup();
  private poles: FreedPole[] = [];

  constructor(
    map: L.Map,
    private readonly renderer: L.Renderer,
  ) {
    this.group.addTo(map);
  }

  show(poles: readonly FreedPole[]): void {
    this.poles = [...poles];
    this.group.clearLayers();
    for (const pole of this.poles) {
      const marker = L.circleMarker([pole.lat, pole.lng], { ...FREED_POLE, renderer: this.renderer });
      marker.bindTooltip(() => t('plan.freedTitle', { code: pole.code }), { direction: 'top', className: 'plan-tooltip' });
      this.group.addLayer(marker);
    }
  }

  drawn(): readonly FreedPole[] {
    return this.poles;
  }
}
