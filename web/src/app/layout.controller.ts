import type * as L from 'leaflet';

const NARROW = '(max-width: 640px)';

/**
 * Opens and closes the side areas. On wide screens the panels sit beside the map and the map
 * shrinks; on phones they float over it. Either way Leaflet has to be told about the size.
 */
export class LayoutController {
  private map: L.Map | null = null;
  private filtersOpen: boolean;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly filterPanel: HTMLElement, mapEl: HTMLElement) {
    // Wide screens start with filters visible; on a phone they would cover the whole map.
    this.filtersOpen = !window.matchMedia(NARROW).matches;
    this.apply();
    new ResizeObserver(() => this.map?.invalidateSize({ pan: false })).observe(mapEl);
  }

  attachMap(map: L.Map): void {
    this.map = map;
  }

  isNarrow(): boolean {
    return window.matchMedia(NARROW).matches;
  }

  areFiltersOpen(): boolean {
    return this.filtersOpen;
  }

  setFiltersOpen(open: boolean): void {
    this.filtersOpen = open;
    this.apply();
    if (open) this.filterPanel.querySelector<HTMLElement>('h2')?.focus();
    else document.getElementById('filter-toggle')?.focus();
  }

  onFiltersChange(listener: () => void): void {
    this.listeners.add(listener);
  }

  /** Brings a point into the visible part of the map, clear of any sheet floating over it. */
  reveal(latlng: L.LatLngExpression, overlay: HTMLElement | null): void {
    const map = this.map;
    if (!map) return;
    map.invalidateSize({ pan: false });
    const floating = overlay && getComputedStyle(overlay).position === 'fixed' ? overlay.offsetHeight : 0;
    map.panInside(latlng, { paddingTopLeft: [48, 48], paddingBottomRight: [48, 48 + floating] });
  }

  private apply(): void {
    this.filterPanel.hidden = !this.filtersOpen;
    document.body.classList.toggle('filters-open', this.filtersOpen);
    for (const listener of this.listeners) listener();
  }
}
