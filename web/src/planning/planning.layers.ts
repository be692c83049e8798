import * as L from 'leaflet';
import type { Bbox } from '../api/api.types.ts';
import { fetchProjects } from '../api/burial.api.ts';
import { fetchRoadWorks } from '../api/roadworks.api.ts';
import { fetchSpansInView } from '../api/spans.api.ts';
import { t, type MessageKey } from '../i18n/i18n.ts';
import { BboxSource } from '../map/bbox.source.ts';
import { fetchPoles } from '../api/poles.api.ts';
import { FREED_POLE, FREED_PREVIEW } from '../map/burial.style.ts';
import { CandidatesLayer } from '../map/candidates.layer.ts';
import { CorridorLayer } from '../map/corridor.layer.ts';
import type { Owners } from '../map/owner.colours.ts';
import { ProjectsLayer } from '../map/projects.layer.ts';
import { RoadWorksLayer } from '../map/roadworks.layer.ts';
import { SpansLayer } from '../map/spans.layer.ts';
import { defaultFilters } from '../state/filters.store.ts';
import { planningLayersStore, planningRevision } from '../state/planning.store.ts';
import { worksWindowStore } from '../state/roadworks.store.ts';
import { sessionStore } from '../state/session.store.ts';
import { describeError } from '../ui/error.describe.ts';
import type { ErrorBanner } from '../ui/error.banner.ts';

/** Below this zoom a view holds tens of thousands of spans: too many to fetch or to read. */
export const SPAN_ZOOM = 15;
/** Flagged poles are few (a handful per completed project), so they show from further out. */
const CANDIDATE_ZOOM = 13;
const CANDIDATE_LIMIT = 2000;

/** Pane order, bottom to top: basemap, road works, projects, cables, (route), freed poles. */
const PANES = { base: ['pw-plan-base', 300], works: ['pw-plan-works', 320], projects: ['pw-plan-projects', 340], spans: ['pw-plan-spans', 360], freed: ['pw-plan-freed', 450] } as const;

export interface LayerDeps {
  map: L.Map;
  owners: Owners;
  banner: ErrorBanner;
  onBusy: (busy: boolean) => void;
  onProject: (id: number) => void;
}

/**
 * The planning map's overlays, each loaded for the view and switched on and off from the
 * legend. The route being drawn and its corridor sit in Leaflet's overlay pane, above the
 * cables and under the freed poles.
 */
export class PlanningMapLayers {
  readonly basemapRenderer: L.SVG;
  readonly spans: SpansLayer;
  readonly works: RoadWorksLayer;
  readonly projects: ProjectsLayer;
  /** poles the drawn route or the open project would free */
  readonly candidates: CandidatesLayer;
  /** poles completed projects have flagged as removal candidates */
  readonly registered: CandidatesLayer;
  readonly corridor: CorridorLayer;
  private readonly sources: Array<BboxSource<unknown>> = [];
  private readonly spanSource: BboxSource<unknown>;
  private readonly workSource: BboxSource<unknown>;
  private readonly projectSource: BboxSource<unknown>;
  private readonly candidateSource: BboxSource<unknown>;

  constructor(private readonly deps: LayerDeps) {
    const { map, owners } = deps;
    const pane = (key: keyof typeof PANES): string => {
      const [name, z] = PANES[key];
      map.createPane(name).style.zIndex = String(z);
      return name;
    };
    this.basemapRenderer = L.svg({ pane: pane('base'), padding: 0.3 });
    this.works = new RoadWorksLayer(map, L.svg({ pane: pane('works'), padding: 0.3 }));
    this.projects = new ProjectsLayer(map, L.svg({ pane: pane('projects'), padding: 0.3 }), deps.onProject);
    this.spans = new SpansLayer(map, L.canvas({ pane: pane('spans'), padding: 0.3 }), owners);
    const freed = L.svg({ pane: pane('freed') });
    this.registered = new CandidatesLayer(map, freed, FREED_POLE);
    this.candidates = new CandidatesLayer(map, freed, FREED_PREVIEW);
    this.corridor = new CorridorLayer(map);

    this.spanSource = this.source('spans', SPAN_ZOOM, (bbox, signal) => fetchSpansInView(bbox, this.spanStatuses(), signal), (page) => this.spans.render(page), () => this.spans.clear());
    this.workSource = this.source('works', undefined, (bbox, signal) => fetchRoadWorks({ bbox, ...worksWindowStore.get(), status: ['planned', 'in_progress'] }, signal), (c) => this.works.render(c), () => this.works.clear());
    this.projectSource = this.source('projects', undefined, (bbox, signal) => fetchProjects({ bbox }, signal), (c) => this.projects.render(c), () => this.projects.clear());
    this.candidateSource = this.source(
      'candidates',
      CANDIDATE_ZOOM,
      (bbox, signal) => fetchPoles(bbox, { ...defaultFilters(), removalCandidate: true }, CANDIDATE_LIMIT, signal),
      (page) => this.registered.show(page.features.map((f) => ({ id: f.properties.id, code: f.properties.code, lng: f.geometry.coordinates[0] ?? 0, lat: f.geometry.coordinates[1] ?? 0 }))),
      () => this.registered.show([]),
    );

    planningLayersStore.subscribe(() => this.applyToggles());
    // Road works and projects are for signed-in staff; cables are public.
    sessionStore.subscribe(() => this.applyToggles());
    worksWindowStore.subscribe(() => this.workSource.reload());
    planningRevision.subscribe(() => this.reload());
    this.applyToggles();
  }

  reload(): void {
    for (const s of this.sources) s.reload();
  }

  private spanStatuses(): string[] {
    const { overhead, buried } = planningLayersStore.get();
    return [overhead ? 'overhead' : null, buried ? 'buried' : null].filter((s): s is string => s !== null);
  }

  private applyToggles(): void {
    const on = planningLayersStore.get();
    const signedIn = sessionStore.get().user !== null;
    this.spanSource.setEnabled(on.overhead || on.buried);
    this.workSource.setEnabled(on.works && signedIn);
    this.projectSource.setEnabled(on.projects && signedIn);
    this.candidateSource.setEnabled(on.candidates);
  }

  private source<T>(key: 'spans' | 'works' | 'projects' | 'candidates', minZoom: number | undefined, fetch: (bbox: Bbox, signal: AbortSignal) => Promise<T>, onData: (data: T) => void, onClear: () => void): BboxSource<unknown> {
    const { map, banner, onBusy } = this.deps;
    const context: Record<typeof key, MessageKey> = { spans: 'plan.error.spans', works: 'plan.error.works', projects: 'plan.error.projects', candidates: 'plan.error.candidates' };
    const source = new BboxSource<T>({
      map,
      ...(minZoom === undefined ? {} : { minZoom }),
      fetch,
      onData: (data) => {
        banner.clear(`layer-${key}`);
        onData(data);
      },
      onClear,
      onError: (err) => banner.show(`layer-${key}`, { message: () => t(context[key], { message: describeError(err) }), retry: () => source.reload() }),
      onBusy,
    });
    this.sources.push(source as BboxSource<unknown>);
    return source as BboxSource<unknown>;
  }
}
