import type * as L from 'leaflet';

const NARROW = '(max-width: 640px)';

/** What the left-hand side shows: the filters, the work panel (queue or portal), or nothing. */
export type SideView = 'filters' | 'work' | null;

/**
 * Opens and closes the side areas. On wide screens the panels sit beside the map and the map
 * shrinks; on phones they float over it. Either way Leaflet has to be told about the size.
 * The filters and the work panel share the left side, so opening one closes the other.
 */
export class LayoutController {
  private map: L.Map | null = null;
  private side: SideView;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly filterPanel: HTMLElement,
    private readonly workPanel: HTMLElement,
    mapEl: HTMLElement,
  ) {
    // Wide screens start with filters visible; on a phone they would cover the whole map.
    this.side = window.matchMedia(NARROW).matches ? null : 'filters';
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
    return this.side === 'filters';
  }

  isWorkOpen(): boolean {
    return this.side === 'work';
  }

  setFiltersOpen(open: boolean): void {
    this.setSide(open ? 'filters' : this.side === 'filters' ? null : this.side);
    if (open) this.filterPanel.querySelector<HTMLElement>('h2')?.focus();
    else document.getElementById('filter-toggle')?.focus();
  }

  setWorkOpen(open: boolean, focus = true): void {
    this.setSide(open ? 'work' : this.side === 'work' ? null : this.side);
    if (!focus) return;
    if (open) this.workPanel.querySelector<HTMLElement>('h2')?.focus();
    else document.getElementById('work-toggle')?.focus();
  }

  onSideChange(listener: () => void): void {
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

  private setSide(side: SideView): void {
    this.side = side;
    this.apply();
  }

  private apply(): void {
    this.filterPanel.hidden = this.side !== 'filters';
    this.workPanel.hidden = this.side !== 'work';
    document.body.classList.toggle('filters-open', this.side === 'filters');
    document.body.classList.toggle('work-open', this.side === 'work');
    for (const listener of this.listeners) listener();
  }
}
