import 'leaflet/dist/leaflet.css';
import '../styles/app.css';
import '../styles/panels.css';
import '../styles/map.css';
import '../styles/forms.css';
import '../styles/account.css';
import '../styles/ownership.css';
import '../styles/imports.css';
import '../styles/campaign.blocks.css';
import '../styles/planning.css';
import type * as L from 'leaflet';
import { exposeHook } from '../app/test.hook.ts';
import { AccountMenu } from '../auth/account.menu.ts';
import { loadSession } from '../auth/session.actions.ts';
import { applyDocumentLang, onLangChange, t } from '../i18n/i18n.ts';
import { addDistricts, addRoads, addTileLayer } from '../map/basemap.layer.ts';
import { loadBasemap, loadConfig } from '../map/basemap.load.ts';
import { DrawBar } from '../map/draw.bar.ts';
import { createMap } from '../map/map.setup.ts';
import { Owners } from '../map/owner.colours.ts';
import { sessionStore } from '../state/session.store.ts';
import { h } from '../ui/dom.builder.ts';
import { ErrorBanner } from '../ui/error.banner.ts';
import { HeaderView } from '../ui/header.view.ts';
import { ProgressBar } from '../ui/progress.bar.ts';
import { PlanningMapLayers, SPAN_ZOOM } from './planning.layers.ts';
import { PlanningLegend } from './planning.legend.ts';
import { PlanningPanel } from './planning.panel.ts';
import { PlanningStatus } from './planning.status.ts';
import { DEFAULT_CORRIDOR_M } from './route.tab.ts';

function byId(id: string): HTMLElement {
  const el = document.getElementById(id);
  if (!el) throw new Error(`planning.html lacks #${id}`);
  return el;
}

applyDocumentLang('plan.documentTitle');
const mapEl = byId('map');
const panelEl = byId('plan-panel');
const progress = new ProgressBar(byId('progress'));
const banner = new ErrorBanner(byId('banner'));
const account = new AccountMenu({ link: 'map', onError: (message) => banner.show('account', { message: () => message }) });

/** The panel beside the map on a desktop; on a phone it covers the map, so it can be put away. */
const NARROW = window.matchMedia('(max-width: 640px)');
const panelToggle = h('button', { type: 'button', class: 'header-button', id: 'plan-toggle', 'aria-controls': 'plan-panel' });
const setPanelOpen = (open: boolean): void => {
  panelEl.hidden = !open;
  panelToggle.setAttribute('aria-expanded', String(open));
};
const labelToggle = (): void => {
  panelToggle.replaceChildren(h('span', { 'aria-hidden': 'true' }, '☰'), h('span', { class: 'header-button-label' }, t('plan.panelToggle')));
};
labelToggle();
onLangChange(labelToggle);
panelToggle.addEventListener('click', () => setPanelOpen(panelEl.hidden));
setPanelOpen(true);
new HeaderView(byId('app-header'), { title: 'plan.title', tools: h('div', { class: 'header-tools' }, panelToggle), account: account.el });

const labelMap = (): void => mapEl.setAttribute('aria-label', t('plan.mapLabel'));
labelMap();
onLangChange(labelMap);

/**
 * Layers loading, plus the map moving (their loads start when it stops): the browser tests
 * wait for "0", which then means the view is drawn.
 */
let busy = 0;
let moving = false;
const flagLoading = (): void => {
  document.body.dataset.loading = busy > 0 || moving ? '1' : '0';
};
const onBusy = (on: boolean): void => {
  busy = Math.max(0, busy + (on ? 1 : -1));
  if (on) progress.begin();
  else progress.end();
  flagLoading();
};

let map: L.Map | undefined;
let layers: PlanningMapLayers | undefined;
let panel: PlanningPanel | undefined;

async function boot(): Promise<void> {
  onBusy(true);
  try {
    const config = await loadConfig(banner);
    const handles = createMap(mapEl, config);
    map = handles.map;
    const created = map;
    new ResizeObserver(() => created.invalidateSize({ pan: false })).observe(mapEl);
    addTileLayer(map, config.tileLayer);
    const basemap = await loadBasemap(banner);
    const owners = new Owners(basemap.organisations);
    layers = new PlanningMapLayers({ map, owners, banner, onBusy, onProject: (id) => panel?.openProject(id) });
    const overTiles = config.tileLayer !== null;
    if (basemap.districts) addDistricts(map, layers.basemapRenderer, basemap.districts, overTiles);
    if (basemap.roads) addRoads(map, layers.basemapRenderer, basemap.roads, overTiles);
    // After the layers' own moveend handlers, which queue their loads first.
    map.on('movestart', () => {
      moving = true;
      flagLoading();
    });
    map.on('moveend', () => {
      moving = false;
      flagLoading();
    });
    new PlanningLegend(map, owners).addTo(map);
    new PlanningStatus().addTo(map);
    panel = new PlanningPanel(panelEl, {
      map,
      layers,
      owners,
      districts: basemap.districts,
      drawBar: new DrawBar(map, 'draw'),
      defaultCorridor: config.burial?.corridorM ?? DEFAULT_CORRIDOR_M,
      progress,
      openProject: (id) => panel?.openProject(id),
      setPanelOpen: (open) => {
        if (NARROW.matches) setPanelOpen(open);
      },
    });
  } finally {
    onBusy(false);
  }
}

const session = loadSession();

exposeHook({
  get map() {
    return map;
  },
  ready: Promise.all([boot(), session]).then(() => undefined),
  session: () => sessionStore.get().user,
  // This page draws cables and projects, not the pole layer: the pole members stay empty.
  lastPoles: () => [],
  removedPoles: () => [],
  poleFill: () => null,
  openPole: () => Promise.reject(new Error('the planning page has no pole panel')),
  openCase: () => Promise.reject(new Error('the planning page has no case panel')),
  caseMarkers: () => [],
  pickedPoles: () => [],
  // Field capture and its outbox live on the map page only.
  offlineReady: Promise.resolve(false),
  pendingPoles: () => [],
  outbox: () => [],
  newPolePosition: () => null,
  mode: () => (map && map.getZoom() >= SPAN_ZOOM ? 'poles' : 'summary'),
  planning: {
    route: () => panel?.routeState() ?? null,
    project: () => panel?.projects()?.detail.project() ?? null,
    layers: () => {
      const counts = layers?.spans.counts();
      return {
        overhead: layers?.spans.drawnIds('overhead') ?? [],
        buried: layers?.spans.drawnIds('buried') ?? [],
        affected: counts?.affected ?? 0,
        roadWorks: layers?.works.drawnIds() ?? [],
        projects: layers?.projects.drawn() ?? [],
        capped: counts?.capped ?? false,
      };
    },
    candidates: () => layers?.candidates.drawn() ?? [],
    removalCandidates: () => layers?.registered.drawn().map((p) => p.id) ?? [],
  },
});
