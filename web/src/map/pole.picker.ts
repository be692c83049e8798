import * as L from 'leaflet';
import type { PoleFeature } from '../api/api.types.ts';
import { drawingStore } from '../state/draw.store.ts';

/** Extra pixels around a dot that still count as a hit: about a fingertip on a phone. */
const SLACK_MOUSE = 6;
const SLACK_TOUCH = 12;

export interface PickTarget {
  feature: PoleFeature;
  latlng: L.LatLng;
  radius: number;
}

/**
 * Hit-testing for the pole canvas. Leaflet's canvas picks the *last drawn* dot under the
 * pointer, which in a dense alley is often the neighbour of the one clicked; here the
 * *nearest* dot within reach wins, so a click on a dot opens that dot.
 */
export class PolePicker {
  private readonly tooltip = L.tooltip({ direction: 'top', className: 'pole-tooltip' });
  private hovered: PickTarget | null = null;
  private frame = 0;

  constructor(
    private readonly map: L.Map,
    private readonly targets: () => readonly PickTarget[],
    private readonly onPick: (feature: PoleFeature) => void,
    private readonly describe: (feature: PoleFeature) => HTMLElement,
  ) {
    map.on('click', (e: L.LeafletMouseEvent) => {
      if (drawingStore.get()) return;
      const hit = this.nearest(e.containerPoint, isTouch(e) ? SLACK_TOUCH : SLACK_MOUSE);
      if (!hit) return;
      // The panel now shows what the tooltip said; on touch screens it would linger.
      this.hover(null);
      this.onPick(hit.feature);
    });
    // One hover lookup per animation frame at most: mousemove fires far more often.
    map.on('mousemove', (e: L.LeafletMouseEvent) => {
      if (this.frame) return;
      this.frame = requestAnimationFrame(() => {
        this.frame = 0;
        this.hover(this.nearest(e.containerPoint, SLACK_MOUSE));
      });
    });
    const leave = (): void => {
      // A frame queued by the last mousemove would otherwise bring the tooltip back.
      cancelAnimationFrame(this.frame);
      this.frame = 0;
      this.hover(null);
    };
    map.on('movestart', leave);
    // A DOM listener, not map.on('mouseout'): Leaflet's canvas swallows mouseout unless one
    // of its own interactive layers was hovered, and these dots are not interactive.
    map.getContainer().addEventListener('mouseleave', leave);
  }

  /** Call after the drawn set changes, so a tooltip never points at a pole that is gone. */
  reset(): void {
    this.hover(null);
  }

  nearest(point: L.Point, slack: number): PickTarget | null {
    let best: PickTarget | null = null;
    let bestDistance = Infinity;
    for (const target of this.targets()) {
      const distance = this.map.latLngToContainerPoint(target.latlng).distanceTo(point);
      if (distance <= target.radius + slack && distance < bestDistance) {
        best = target;
        bestDistance = distance;
      }
    }
    return best;
  }

  private hover(target: PickTarget | null): void {
    if (target?.feature === this.hovered?.feature) return;
    this.hovered = target;
    this.map.getContainer().classList.toggle('pole-hover', target !== null);
    if (!target) {
      this.tooltip.remove();
      return;
    }
    this.tooltip.options.offset = L.point(0, -target.radius);
    this.tooltip.setLatLng(target.latlng).setContent(this.describe(target.feature)).addTo(this.map);
  }
}

function isTouch(e: L.LeafletMouseEvent): boolean {
  const original = e.originalEvent as MouseEvent | PointerEvent;
  return 'pointerType' in original ? original.pointerType === 'touch' : false;
}
