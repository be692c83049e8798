import 'leaflet/dist/leaflet.css';
import './styles/app.css';
import './styles/panels.css';
import './styles/map.css';
import './styles/forms.css';
import './styles/account.css';
import './styles/ownership.css';
import './styles/removal.css';
import './styles/imports.css';
import './styles/field.css';
import './styles/cases.css';
import './styles/cases.forms.css';
import * as L from 'leaflet';
import { LayoutController } from './app/layout.controller.ts';
import { exposeHook } from './app/test.hook.ts';
import { FieldKit } from './app/field.kit.ts';
import { offlineShellReady, registerServiceWorker } from './offline/sw.register.ts';
import { AccountMenu } from './auth/account.menu.ts';
import { watchLoginRoute } from './auth/login.route.ts';
import { loadSession } from './auth/session.actions.ts';
import { applyDocumentLang, onLangChange, t } from './i18n/i18n.ts';
import { addDistricts, addRoads, addTileLayer } from './map/basemap.layer.ts';
import { loadBasemap, loadConfig } from './map/basemap.load.ts';
import { LegendControl } from './map/legend.control.ts';
import { createMap } from './map/map.setup.ts';
import { rememberView } from './map/view.memory.ts';
import { Owners } from './map/owner.colours.ts';
import { CasesLayer } from './map/cases.layer.ts';
import { PolesLayer } from './map/poles.layer.ts';
import { RemovedLayer } from './map/removed.layer.ts';
import { StatusControl } from './map/status.control.ts';
import { SummaryLayer } from './map/summary.layer.ts';
import { ViewportLoader } from './map/viewport.loader.ts';
import { PoleNavigator } from './app/pole.navigator.ts';
import { FilterPanel } from './panels/filter.panel.ts';
import { PolePanel } from './panels/pole.panel.ts';
import { ownershipRevision } from './state/ownership.store.ts';
import { removalRevision } from './state/removal.store.ts';
import { sessionStore } from './state/session.store.ts';
import { viewStore } from './state/view.store.ts';
import { h } from './ui/dom.builder.ts';
import { ErrorBanner } from './ui/error.banner.ts';
import { HeaderView } from './ui/header.view.ts';
import { ExportMenu } from './imports/export.menu.ts';
import { ImportButton } from './imports/import.button.ts';
import { ImportDialog } from './imports/import.dialog.ts';
import { ProgressBar } from './ui/progress.bar.ts';
import { WorkPanel } from './work/work.panel.ts';
import { CasePanel } from './cases/case.panel.ts';

function byId(id: string): HTMLElement {
  const el = document.getElementById(id);
  if (!el) throw new Error(`index.html lacks #${id}`);
  return el;
}

applyDocumentLang();
const mapEl = byId('map');
const filterEl = byId('filter-panel');
const panelEl = byId('pole-panel');
const casePanelEl = byId('case-panel');
const workEl = byId('work-panel');
const progress = new ProgressBar(byId('progress'));
const banner = new ErrorBanner(byId('banner'));
const layout = new LayoutController(filterEl, workEl, mapEl);
// Filled by the work panel once the map exists: the queue (officers) or the portal (carriers).
const workToggle = h('div', { class: 'work-toggle-slot' });
const openImport = (): void =>
  new ImportDialog({
    onCommitted: () => loader?.reload(),
    // Street zoom at most: close enough to see each new pole drawn singly, with its neighbours.
    showOnMap: (box) => map?.fitBounds(box, { maxZoom: 17, padding: [48, 48], animate: false }),
  }).open();
const exportMenu = new ExportMenu({
  bbox: () => {
    const b = map?.getBounds();
    return b ? [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()] : null;
  },
  onImport: openImport,
});
const tools = h('div', { class: 'header-tools' }, workToggle, new ImportButton(openImport).el, exportMenu.el);
const account = new AccountMenu({ link: 'admin', pages: true, onError: (message) => banner.show('account', { message: () => message }) });
const header = new HeaderView(byId('app-header'), {
  title: 'app.title',
  filters: { onToggle: () => layout.setFiltersOpen(!layout.areFiltersOpen()), isOpen: () => layout.areFiltersOpen() },
  tools,
  account: account.el,
});
layout.onSideChange(() => header.syncFilterButton());

const labelMap = (): void => mapEl.setAttribute('aria-label', t('map.label'));
labelMap();
onLangChange(labelMap);

let map: L.Map | undefined;
let poles: PolesLayer | undefined;
let loader: ViewportLoader | undefined;
let removed: RemovedLayer | undefined;
let navigator: PoleNavigator | undefined;
let field: FieldKit | undefined;
let cases: CasePanel | undefined;
let casesLayer: CasesLayer | undefined;

async function boot(): Promise<void> {
  progress.begin();
  try {
    const config = await loadConfig(banner);
    const handles = createMap(mapEl, config);
    map = handles.map;
    rememberView(map);
    layout.attachMap(map);
    const overTiles = config.tileLayer !== null;
    addTileLayer(map, config.tileLayer);

    const basemap = await loadBasemap(banner);
    if (basemap.districts) addDistricts(map, handles.basemapRenderer, basemap.districts, overTiles);
    if (basemap.roads) addRoads(map, handles.basemapRenderer, basemap.roads, overTiles);
    const owners = new Owners(basemap.organisations);

    // One right-hand panel at a time: a pole, or a case (or the form of a new one).
    const casePanel = new CasePanel(casePanelEl, {
      map,
      owners,
      progress,
      onOpen: () => panel.close(),
      // Closed because a pole's panel opened: focus stays there, not on the map.
      onClose: () => {
        if (panelEl.hidden) mapEl.focus();
      },
    });
    cases = casePanel;
    const panel: PolePanel = new PolePanel(panelEl, {
      owners,
      progress,
      onFlag: (pole) => casePanel.flag(pole),
      onOpenCase: (id) => void casePanel.openCase(id),
      onOpen: (pole) => {
        field?.newPole.close();
        casePanel.close();
        const [lng = 0, lat = 0] = pole.geometry.coordinates;
        poles?.setSelected([lat, lng]);
        layout.reveal([lat, lng], panelEl);
      },
      onClose: () => {
        poles?.setSelected(null);
        mapEl.focus();
      },
      onUpdated: (pole) => {
        poles?.update(pole);
        // The edit may take the pole out of (or into) the active filters.
        loader?.reload();
      },
    });
    // While a new case's poles are being picked, a click on a pole adds it to the case.
    poles = new PolesLayer(map, handles.poleRenderer, owners, (pole) => (casePanel.isPicking() ? casePanel.togglePole(pole) : panel.open(pole)));
    removed = new RemovedLayer({ map, poleZoom: config.clusterBelowZoom, banner, onSelect: (pole) => panel.open(pole) });
    const summary = new SummaryLayer(map, config.clusterBelowZoom, () => loader?.expectMove());
    new FilterPanel(filterEl, { owners, districts: () => basemap.districts, onClose: () => layout.setFiltersOpen(false) });
    casesLayer = new CasesLayer({ map, banner, onSelect: (id) => void casePanel.openCase(id) });
    new LegendControl(owners).addTo(map);
    new StatusControl().addTo(map);

    loader = new ViewportLoader({ map, config, poles, summary, progress, banner });
    loader.start();
    // Claims, decisions and notices recolour poles in the ownership mode (and may move them
    // in or out of the ownership filter).
    ownershipRevision.subscribe(() => loader?.reload());
    // A recorded removal takes a pole off the live map; a voided one brings it back.
    removalRevision.subscribe(() => loader?.reload());

    field = new FieldKit({ map, owners, host: panelEl.parentElement ?? document.body, closePolePanel: () => panel.close(), onSent: () => loader?.reload() });

    navigator = new PoleNavigator(map, layout, (pole) => panel.open(pole));
    new WorkPanel(workEl, {
      map,
      owners,
      layout,
      navigator,
      toggleSlot: workToggle,
      districts: () => basemap.districts,
      openCase: (id) => void casePanel.openCase(id),
    });
  } finally {
    progress.end();
  }
}

// The session is independent of the map: the header shows who is signed in even if the
// map's reference data is slow or failing.
const session = loadSession().then(() => watchLoginRoute());
void registerServiceWorker();

exposeHook({
  get map() {
    return map;
  },
  ready: Promise.all([boot(), session]).then(() => undefined),
  session: () => sessionStore.get().user,
  lastPoles: () =>
    (poles?.drawn() ?? []).map((f) => ({
      id: f.properties.id,
      code: f.properties.code,
      lng: f.geometry.coordinates[0] ?? 0,
      lat: f.geometry.coordinates[1] ?? 0,
      owner_code: f.properties.owner_code,
      ownership_status: f.properties.ownership_status,
      condition: f.properties.condition,
    })),
  removedPoles: () => removed?.drawn() ?? [],
  poleFill: (id) => poles?.styleOf(id)?.fill ?? null,
  openPole: (id) => (navigator ? navigator.goTo(id) : Promise.reject(new Error('the map has not started'))),
  offlineReady: offlineShellReady(),
  pendingPoles: () => field?.pendingPoles() ?? [],
  outbox: () => field?.outbox() ?? [],
  newPolePosition: () => field?.newPole.position() ?? null,
  openCase: (id) => (cases ? cases.openCase(id) : Promise.reject(new Error('the map has not started'))),
  caseMarkers: () => casesLayer?.drawn() ?? [],
  pickedPoles: () => cases?.pickedPoles() ?? [],
  mode: () => {
    const view = viewStore.get();
    if (view.loaded || !map || !loader) return view.mode;
    return loader.modeForZoom(map.getZoom());
  },
});
