import * as L from 'leaflet';
import type { SpanPage, SpanProps } from '../api/dashboard.types.ts';
import type { Feature, LineString } from 'geojson';
import { AFFECTED_SPAN, BURIED_SPAN, overheadSpanStyle } from './burial.style.ts';
import { spanViewStore } from '../state/planning.store.ts';
import type { Owners } from './owner.colours.ts';

type SpanFeature = Feature<LineString, SpanProps>;

/** What is drawn right now (for the test hook and the status line). */
export interface SpanCounts {
  overhead: number;
  buried: number;
  affected: number;
  capped: boolean;
}

const latLngs = (f: SpanFeature): L.LatLng[] => f.geometry.coordinates.map(([lng = 0, lat = 0]) => L.latLng(lat, lng));

/**
 * Cable spans for the planning map: overhead ones in their firm's colour, buried ones grey
 * and dashed. Spans a drawn route would bury get a dark outline, so the planner sees exactly
 * which cables the impact counts.
 */
export class SpansLayer {
  private readonly group = L.layerGroup();
  private features: SpanFeature[] = [];
  private capped = false;
  private affected = new Set<number>();

  constructor(
    map: L.Map,
    private readonly renderer: L.Renderer,
    private readonly owners: Owners,
  ) {
    this.group.addTo(map);
  }

  render(page: SpanPage): void {
    this.features = page.features.filter((f): f is SpanFeature => f.geometry?.type === 'LineString');
    this.capped = page.next !== null;
    this.draw();
    const { overhead, buried, capped } = this.counts();
    spanViewStore.set({ overhead, buried, capped });
  }

  clear(): void {
    this.features = [];
    this.capped = false;
    this.draw();
    spanViewStore.set(null);
  }

  setAffected(ids: readonly number[]): void {
    this.affected = new Set(ids);
    this.draw();
  }

  counts(): SpanCounts {
    const overhead = this.features.filter((f) => f.properties.status === 'overhead');
    return {
      overhead: overhead.length,
      buried: this.features.length - overhead.length,
      affected: overhead.filter((f) => this.affected.has(f.properties.id)).length,
      capped: this.capped,
    };
  }

  /** ids of the spans drawn with the given status (for the test hook) */
  drawnIds(status: 'overhead' | 'buried'): number[] {
    return this.features.filter((f) => f.properties.status === status).map((f) => f.properties.id);
  }

  private draw(): void {
    this.group.clearLayers();
    const base = { renderer: this.renderer, interactive: false };
    for (const f of this.features) {
      if (f.properties.status === 'buried') this.group.addLayer(L.polyline(latLngs(f), { ...BURIED_SPAN, ...base }));
    }
    const bundles = this.bundles();
    // Outlines first, so every affected bundle sits on a dark edge, whatever its neighbours.
    for (const bundle of bundles.values()) {
      const first = bundle[0];
      if (first && bundle.some((f) => this.affected.has(f.properties.id))) {
        this.group.addLayer(L.polyline(latLngs(first), { ...AFFECTED_SPAN, weight: overheadSpanStyle('', 0, bundle.length).weight! + 5, ...base }));
      }
    }
    for (const bundle of bundles.values()) {
      bundle.forEach((f, band) => {
        const colour = this.owners.colour(f.properties.org_code ?? '');
        this.group.addLayer(L.polyline(latLngs(f), { ...overheadSpanStyle(colour, band, bundle.length), ...base }));
      });
    }
  }

  /** Overhead spans grouped by the pole pair they hang between, firms in the server's order. */
  private bundles(): Map<string, SpanFeature[]> {
    const order = new Map(this.owners.carriers().map((o, i) => [o.code, i]));
    const bundles = new Map<string, SpanFeature[]>();
    for (const f of this.features) {
      if (f.properties.status !== 'overhead') continue;
      const p = f.properties;
      const key = p.from_pole_id !== undefined && p.to_pole_id !== undefined ? `${Math.min(p.from_pole_id, p.to_pole_id)}:${Math.max(p.from_pole_id, p.to_pole_id)}` : `span:${p.id}`;
      const list = bundles.get(key) ?? [];
      list.push(f);
      bundles.set(key, list);
    }
    for (const list of bundles.values()) list.sort((a, b) => (order.get(a.properties.org_code ?? '') ?? 99) - (order.get(b.properties.org_code ?? '') ?? 99));
    return bundles;
  }
}
