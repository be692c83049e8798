import { fetchProjects } from '../api/burial.api.ts';
import { PROJECT_STATUSES, type ProjectCollection, type ProjectStatus } from '../api/burial.types.ts';
import { loadStateView } from '../admin/load.state.ts';
import { noteAuthFailure } from '../auth/session.actions.ts';
import { formatDay, formatLength } from '../campaign/figures.format.ts';
import { t, tEnum } from '../i18n/i18n.ts';
import { loadInto, type Loadable } from '../state/loadable.ts';
import { planningRevision } from '../state/planning.store.ts';
import { bdi, h, replaceChildren } from '../ui/dom.builder.ts';
import { field, select } from '../ui/form.field.ts';
import type { PlanningContext, PlanningRights } from './planning.context.ts';
import { ProjectView } from './project.view.ts';

/**
 * 入地工程: every project in the city, newest first, filtered by status; a click (here or on
 * the map) opens the project's page in the same tab.
 */
export class ProjectsTab {
  readonly el = h('div', { class: 'plan-tab projects-tab', 'data-testid': 'projects-tab' });
  readonly detail: ProjectView;
  private list: Loadable<ProjectCollection> = { state: 'loading' };
  private status: ProjectStatus | '' = '';
  private showing: 'list' | 'detail' = 'list';

  constructor(ctx: PlanningContext, rights: PlanningRights) {
    this.detail = new ProjectView(ctx, rights, () => this.back());
    planningRevision.subscribe(() => this.load());
  }

  refresh(): void {
    if (this.showing === 'list') this.load();
  }

  open(id: number): void {
    this.showing = 'detail';
    this.detail.open(id);
    this.render();
  }

  render(): void {
    if (this.showing === 'detail') {
      replaceChildren(this.el, this.detail.el);
      this.detail.render();
      return;
    }
    const filter = field(
      t('plan.projects.status'),
      select([{ value: '', label: t('plan.projects.all') }, ...PROJECT_STATUSES.map((s) => ({ value: s, label: tEnum('plan.status', s) }))], this.status, { name: 'status', 'data-testid': 'projects-status' }),
    );
    filter.control.addEventListener('change', () => {
      this.status = filter.control.value as ProjectStatus | '';
      this.load();
    });
    replaceChildren(this.el, filter.row, this.items());
  }

  private back(): void {
    this.detail.close();
    this.showing = 'list';
    this.load();
  }

  private load(): void {
    const status = this.status;
    void loadInto(
      () => fetchProjects(status ? { status: [status] } : {}),
      (state) => {
        this.list = state;
        if (this.showing === 'list') this.render();
      },
      noteAuthFailure,
    );
  }

  private items(): HTMLElement | null {
    if (this.list.state !== 'ready') return loadStateView(this.list, () => this.load());
    const features = [...this.list.value.features].sort((a, b) => b.properties.id - a.properties.id);
    if (features.length === 0) return h('p', { class: 'work-empty' }, t('plan.projects.none'));
    return h(
      'ul',
      { class: 'work-list', 'data-testid': 'projects-list' },
      ...features.map(({ properties: p }) => {
        const open = h('button', { type: 'button', class: 'button button-small', 'data-testid': 'project-open', 'data-project-id': p.id }, t('plan.projects.open'));
        open.addEventListener('click', () => this.open(p.id));
        return h(
          'li',
          { class: 'work-item', 'data-project-id': p.id },
          h('div', { class: 'work-item-head' }, h('div', { class: 'work-item-main' }, h('strong', null, bdi(p.name)), h('span', { class: `chip plan-chip-${p.status}` }, tEnum('plan.status', p.status))), open),
          h('p', { class: 'hint' }, formatLength(p.length_m), ' · ', t('plan.works.when', { start: formatDay(p.planned_start), end: formatDay(p.planned_end) })),
        );
      }),
    );
  }
}
