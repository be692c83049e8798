import * as L from 'leaflet';
import type { Bbox } from '../api/api.types.ts';
import { fetchCaseMap } from '../api/cases.api.ts';
import type { CaseMapProps } from '../api/cases.types.ts';
import { phaseOf } from '../cases/case.words.ts';
import { t, tEnum } from '../i18n/i18n.ts';
import { caseRevision, casesLayerStore } from '../state/case.store.ts';
import { sessionStore } from '../state/session.store.ts';
import type { ErrorBanner } from '../ui/error.banner.ts';
import { PANES } from './map.setup.ts';
import { ViewportMarkers } from './viewport.markers.ts';

export interface CasesLayerOptions {
  map: L.Map;
  banner: ErrorBanner;
  onSelect: (caseId: number) => void;
}

interface DrawnCase extends CaseMapProps {
  lat: number;
  lng: number;
}

/**
 * 「显示执法案件」: the open cases in view, each a square marker coloured by the stage of
 * its procedure, with a red ring when a deadline has passed; each opens its case. Anyone
 * signed out has no cases to see, and the layer stays empty for them.
 */
export class CasesLayer extends ViewportMarkers<DrawnCase> {
  constructor(private readonly options: CasesLayerOptions) {
    super(options.map, options.banner, 'cases');
    casesLayerStore.subscribe(() => void this.refresh());
    caseRevision.subscribe(() => void this.refresh());
    sessionStore.subscribe(() => void this.refresh());
  }

  /** what is drawn right now (for the test hook) */
  drawn(): Array<Pick<DrawnCase, 'id' | 'state' | 'overdue' | 'lat' | 'lng'>> {
    return this.items.map(({ id, state, overdue, lat, lng }) => ({ id, state, overdue, lat, lng }));
  }

  protected enabled(): boolean {
    return casesLayerStore.get() && sessionStore.get().user !== null;
  }

  protected async fetch(bbox: Bbox, signal: AbortSignal): Promise<DrawnCase[]> {
    const collection = await fetchCaseMap(bbox, signal);
    return collection.features.map((f) => {
      const [lng = 0, lat = 0] = f.geometry.coordinates;
      return { ...f.properties, lat, lng };
    });
  }

  protected failure(message: string): string {
    return t('error.context.cases', { message });
  }

  protected marker(c: DrawnCase): L.Marker {
    const state = tEnum('case.state', c.state);
    const icon = L.divIcon({
      className: `case-marker case-phase-${phaseOf(c.state)}${c.overdue ? ' case-marker-overdue' : ''}`,
      iconSize: [20, 20],
      iconAnchor: [10, 10],
    });
    const marker = L.marker([c.lat, c.lng], {
      icon,
      pane: PANES.cases,
      keyboard: true,
      title: c.overdue ? t('layer.casesOverdue', { number: c.number, state }) : t('layer.casesTitle', { number: c.number, state }),
    });
    marker.on('click', () => this.options.onSelect(c.id));
    marker.on('add', () => {
      marker.getElement()?.setAttribute('data-case-id', String(c.id));
      marker.getElement()?.setAttribute('data-state', c.state);
    });
    return marker;
  }
}
