import { openLoginDialog } from '../auth/login.dialog.ts';
import { onLangChange, t, type MessageKey } from '../i18n/i18n.ts';
import { sessionStore } from '../state/session.store.ts';
import { h, replaceChildren } from '../ui/dom.builder.ts';
import { tabBar } from '../ui/tab.bar.ts';
import { DigOnceTab } from './digonce.tab.ts';
import type { PlanningContext } from './planning.context.ts';
import { planningRights } from './planning.rights.ts';
import { ProjectsTab } from './projects.tab.ts';
import { RouteTab, type RouteState } from './route.tab.ts';
import { WorksTab } from './works.tab.ts';

type TabKey = 'route' | 'projects' | 'dig' | 'works';

interface Tab {
  key: TabKey;
  label: MessageKey;
  view: { el: HTMLElement; render(): void; refresh?(): void };
}

interface Desk {
  userId: number;
  route: RouteTab;
  projects: ProjectsTab;
  tabs: Tab[];
}

/**
 * The planning side panel: 画路线 (draw and assess a route), 入地工程 (projects and their
 * pages), 一次开挖 (dig once) and 道路改造 (add or import road works). Built for the person
 * signed in; anyone else is asked to sign in, since the server answers planners only.
 */
export class PlanningPanel {
  private desk: Desk | null = null;
  private current: TabKey = 'route';

  constructor(
    private readonly el: HTMLElement,
    private readonly ctx: PlanningContext,
  ) {
    sessionStore.subscribe(() => this.rebuild());
    onLangChange(() => this.render());
    this.rebuild();
  }

  routeState(): RouteState | null {
    return this.desk?.route.state() ?? null;
  }

  projects(): ProjectsTab | null {
    return this.desk?.projects ?? null;
  }

  /** Opens a project's page (from the map or after saving one). */
  openProject(id: number): void {
    if (!this.desk) return;
    this.current = 'projects';
    this.desk.projects.open(id);
    this.render();
  }

  private rebuild(): void {
    const { known, user } = sessionStore.get();
    if (!known) return this.render();
    if (this.desk && this.desk.userId === user?.id) return;
    const rights = planningRights(user);
    if (!user || !rights.assess) {
      this.desk = null;
      return this.render();
    }
    const route = new RouteTab(this.ctx, rights);
    const projects = new ProjectsTab(this.ctx, rights);
    const tabs: Tab[] = [
      { key: 'route', label: 'plan.tab.route', view: route },
      { key: 'projects', label: 'plan.tab.projects', view: projects },
      { key: 'dig', label: 'plan.tab.dig', view: new DigOnceTab(this.ctx) },
    ];
    if (rights.plan) tabs.push({ key: 'works', label: 'plan.tab.works', view: new WorksTab(this.ctx) });
    this.desk = { userId: user.id, route, projects, tabs };
    this.current = 'route';
    this.render();
  }

  private render(): void {
    const head = h('div', { class: 'panel-head' }, h('h2', { id: 'plan-panel-title', tabindex: -1 }, t('plan.panelTitle')));
    const desk = this.desk;
    if (!desk) {
      replaceChildren(this.el, head, h('div', { class: 'panel-body' }, this.gate()));
      return;
    }
    const tab = desk.tabs.find((x) => x.key === this.current) ?? desk.tabs[0]!;
    const select = (key: TabKey): void => {
      this.current = key;
      this.render();
      desk.tabs.find((x) => x.key === key)?.view.refresh?.();
    };
    replaceChildren(
      this.el,
      head,
      h(
        'div',
        { class: 'panel-body' },
        tabBar(desk.tabs.map((x) => ({ key: x.key, label: t(x.label) })), tab.key, select, t('plan.panelTitle'), 'plan'),
        h('div', { role: 'tabpanel', id: 'plan-tabpanel', 'aria-labelledby': `plan-tab-${tab.key}` }, tab.view.el),
      ),
    );
    tab.view.render();
  }

  private gate(): HTMLElement {
    const { known, user } = sessionStore.get();
    if (!known) return h('p', { class: 'hint', role: 'status' }, t('campaign.loading'));
    if (user) return h('p', { class: 'page-note', 'data-testid': 'plan-not-allowed' }, t('plan.notAllowed'));
    const signIn = h('button', { type: 'button', class: 'button button-primary', 'data-testid': 'plan-sign-in' }, t('auth.signIn'));
    signIn.addEventListener('click', () => openLoginDialog());
    return h('div', { class: 'page-note', 'data-testid': 'plan-sign-in-first' }, h('p', null, t('plan.signInFirst')), signIn);
  }
}
