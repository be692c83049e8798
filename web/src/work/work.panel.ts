import type * as L from 'leaflet';
import type { DistrictCollection } from '../api/api.types.ts';
import type { SessionUser } from '../api/auth.types.ts';
import type { LayoutController } from '../app/layout.controller.ts';
import type { PoleNavigator } from '../app/pole.navigator.ts';
import { onLangChange, t, type MessageKey } from '../i18n/i18n.ts';
import type { Owners } from '../map/owner.colours.ts';
import { PolygonDraw } from '../map/polygon.draw.ts';
import { ownershipRevision } from '../state/ownership.store.ts';
import { sessionStore } from '../state/session.store.ts';
import { h, replaceChildren } from '../ui/dom.builder.ts';
import { tabBar } from '../ui/tab.bar.ts';
import { CaseList } from '../cases/cases.list.ts';
import { caseRevision } from '../state/case.store.ts';
import { BulkTool } from './bulk.tool.ts';
import { ClaimsQueue } from './claims.queue.ts';
import { DoublesList } from './doubles.list.ts';
import type { WorkView } from './loaded.view.ts';
import { NoticesList } from './notices.list.ts';
import { PortalClaims } from './portal.claims.ts';
import { PortalPoles } from './portal.poles.ts';

export interface WorkPanelOptions {
  map: L.Map;
  /** where the header's toggle button goes; left empty for people with no work here */
  toggleSlot: HTMLElement;
  owners: Owners;
  layout: LayoutController;
  navigator: PoleNavigator;
  districts: () => DistrictCollection | null;
  /** opens a case in the case panel (the lists of cases and orders) */
  openCase: (id: number) => void;
}

interface Section {
  key: string;
  label: MessageKey;
  view: WorkView;
}

interface Desk {
  userId: number;
  title: MessageKey;
  toggle: MessageKey;
  sections: Section[];
}

/**
 * The left-hand work panel: the officers' review queue, or a carrier's portal. Which one is
 * decided by the role, for showing only; the server answers each list for the caller alone.
 */
export class WorkPanel {
  private readonly toggle: HTMLElement;
  private readonly draw: PolygonDraw;
  private desk: Desk | null = null;
  private current = '';

  constructor(private readonly el: HTMLElement, private readonly options: WorkPanelOptions) {
    this.toggle = options.toggleSlot;
    this.draw = new PolygonDraw(options.map);
    sessionStore.subscribe(() => this.rebuild());
    onLangChange(() => {
      this.renderToggle();
      this.render();
      for (const s of this.desk?.sections ?? []) s.view.render();
    });
    options.layout.onSideChange(() => {
      this.renderToggle();
      if (options.layout.isWorkOpen()) this.currentView()?.refresh();
    });
    // A decision made in the pole panel (or a bulk action), or a step of a case, changes
    // what the lists show.
    const changed = (): void => {
      if (options.layout.isWorkOpen()) this.currentView()?.refresh();
    };
    ownershipRevision.subscribe(changed);
    caseRevision.subscribe(changed);
    this.rebuild();
  }

  private deskFor(user: SessionUser | null): Desk | null {
    const { owners, navigator, map, layout, districts } = this.options;
    const openCase = (id: number): void => {
      // On a phone the list covers the map and the case's bottom sheet: it steps aside.
      if (layout.isNarrow()) layout.setWorkOpen(false, false);
      this.options.openCase(id);
    };
    const setPanelOpen = (open: boolean): void => {
      // Only a phone needs the panel out of the way; on a wide screen the map is beside it.
      if (layout.isNarrow()) layout.setWorkOpen(open, open);
    };
    if (user?.role === 'officer' || user?.role === 'admin') {
      return {
        userId: user.id,
        title: 'work.queueTitle',
        toggle: 'work.queueToggle',
        sections: [
          { key: 'queue', label: 'work.tab.queue', view: new ClaimsQueue(owners, navigator) },
          { key: 'notices', label: 'work.tab.notices', view: new NoticesList(navigator) },
          { key: 'doubles', label: 'work.tab.doubles', view: new DoublesList(map, navigator) },
          { key: 'bulk', label: 'work.tab.bulkNotice', view: new BulkTool({ mode: 'notice', draw: this.draw, setPanelOpen }) },
          { key: 'cases', label: 'work.tab.cases', view: new CaseList({ mode: 'officer', owners, districts, openCase }) },
        ],
      };
    }
    if (user?.role === 'carrier') {
      return {
        userId: user.id,
        title: 'work.portalTitle',
        toggle: 'work.portalToggle',
        sections: [
          { key: 'poles', label: 'work.tab.poles', view: new PortalPoles(navigator) },
          { key: 'claims', label: 'work.tab.claims', view: new PortalClaims(owners, navigator) },
          { key: 'bulk', label: 'work.tab.bulkClaim', view: new BulkTool({ mode: 'claim', draw: this.draw, setPanelOpen }) },
          { key: 'orders', label: 'work.tab.orders', view: new CaseList({ mode: 'carrier', owners, districts, openCase }) },
        ],
      };
    }
    return null;
  }

  private rebuild(): void {
    const user = sessionStore.get().user;
    if (this.desk && this.desk.userId === user?.id) return;
    this.draw.clear();
    this.desk = this.deskFor(user);
    this.current = this.desk?.sections[0]?.key ?? '';
    if (!this.desk && this.options.layout.isWorkOpen()) this.options.layout.setWorkOpen(false, false);
    this.renderToggle();
    this.render();
    if (this.desk && this.options.layout.isWorkOpen()) this.currentView()?.refresh();
  }

  private currentView(): WorkView | null {
    return this.desk?.sections.find((s) => s.key === this.current)?.view ?? null;
  }

  private renderToggle(): void {
    const desk = this.desk;
    if (!desk) return replaceChildren(this.toggle);
    const { layout } = this.options;
    const button = h(
      'button',
      { type: 'button', class: 'header-button', id: 'work-toggle', 'aria-controls': 'work-panel', 'aria-expanded': String(layout.isWorkOpen()) },
      h('span', { class: 'work-icon', 'aria-hidden': 'true' }, '☑'),
      h('span', { class: 'header-button-label' }, t(desk.toggle)),
    );
    button.addEventListener('click', () => layout.setWorkOpen(!layout.isWorkOpen()));
    replaceChildren(this.toggle, button);
  }

  private render(): void {
    const desk = this.desk;
    if (!desk) return replaceChildren(this.el);
    const close = h('button', { type: 'button', class: 'icon-button', 'aria-label': t('work.close'), title: t('work.close') }, '×');
    close.addEventListener('click', () => this.options.layout.setWorkOpen(false));
    const tabs = desk.sections.map((s) => ({ key: s.key, label: t(s.label) }));
    const select = (key: string): void => {
      this.current = key;
      this.render();
      this.currentView()?.refresh();
    };
    replaceChildren(
      this.el,
      h('div', { class: 'panel-head' }, h('h2', { id: 'work-panel-title', tabindex: -1 }, t(desk.title)), close),
      h(
        'div',
        { class: 'panel-body' },
        tabBar(tabs, this.current, select, t(desk.title), 'work'),
        h('div', { role: 'tabpanel', id: 'work-tabpanel', 'aria-labelledby': `work-tab-${this.current}` }, this.currentView()?.el ?? null),
      ),
    );
  }
}
