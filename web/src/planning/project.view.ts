import * as L from 'leaflet';
import { fetchProject } from '../api/burial.api.ts';
import type { Project, ProjectAction, ProjectEvent } from '../api/burial.types.ts';
import { noteAuthFailure } from '../auth/session.actions.ts';
import { formatDay, formatLength } from '../campaign/figures.format.ts';
import { lang, t, tEnum } from '../i18n/i18n.ts';
import { formatActor } from '../i18n/actor.format.ts';
import { formatShanghai } from '../i18n/time.format.ts';
import { loadInto, type Loadable } from '../state/loadable.ts';
import { notePlanningChange } from '../state/planning.store.ts';
import { bdi, h, replaceChildren } from '../ui/dom.builder.ts';
import { describePlanError } from './plan.errors.ts';
import { formMessage } from '../ui/form.field.ts';
import { loadStateView } from '../admin/load.state.ts';
import { ImpactView } from './impact.view.ts';
import type { PlanningContext, PlanningRights } from './planning.context.ts';
import { actionLabel, NEXT_ACTIONS, runAction } from './project.actions.ts';

function fact(label: string, value: string | null, testid?: string): HTMLElement {
  return h('div', { class: 'plan-figure' }, h('dt', null, label), h('dd', { 'data-testid': testid ?? null }, value ?? t('panel.none')));
}

function eventItem(e: ProjectEvent): HTMLElement {
  return h(
    'li',
    { class: 'plan-event', 'data-action': e.action },
    h('span', { class: 'plan-event-what' }, tEnum('plan.event', e.action), e.from_status ? ` · ${tEnum('plan.status', e.from_status)} → ${tEnum('plan.status', e.to_status)}` : ` · ${tEnum('plan.status', e.to_status)}`),
    h('span', { class: 'hint' }, formatShanghai(e.at) ?? e.at, ' · ', bdi(formatActor(e.actor))),
    e.reason ? h('span', { class: 'plan-event-reason' }, t('plan.project.reason'), bdi(e.reason)) : null,
  );
}

/**
 * 工程详情: one burial project. Route on the map, the impact (live while it is open, as
 * applied once completed), the firms, the timeline of its events, and only the moves its
 * status allows. After "complete" the map reloads: the spans show as buried and the freed
 * poles as removal candidates.
 */
export class ProjectView {
  readonly el = h('div', { class: 'plan-project', 'data-testid': 'project-view' });
  private state: Loadable<Project> = { state: 'loading' };
  private readonly impactView: ImpactView;
  private readonly message = formMessage();
  private routeLine: L.Polyline | null = null;
  private busy = false;
  private id: number | null = null;

  constructor(
    private readonly ctx: PlanningContext,
    private readonly rights: PlanningRights,
    private readonly onBack: () => void,
  ) {
    this.impactView = new ImpactView(ctx.owners);
  }

  project(): Project | null {
    return this.state.state === 'ready' ? this.state.value : null;
  }

  open(id: number): void {
    this.id = id;
    this.message.clear();
    this.load(true);
  }

  /** Takes the project's marks off the map (the panel went back to the list). */
  close(): void {
    this.id = null;
    this.routeLine?.remove();
    this.routeLine = null;
    this.ctx.layers.candidates.show([]);
    this.ctx.layers.spans.setAffected([]);
  }

  private load(fit: boolean): void {
    const id = this.id;
    if (id === null) return;
    void loadInto(
      () => fetchProject(id),
      (state) => {
        if (this.id !== id) return;
        this.state = state;
        if (state.state === 'ready') this.showOnMap(state.value, fit);
        this.render();
      },
      noteAuthFailure,
    );
  }

  render(): void {
    const back = h('button', { type: 'button', class: 'button button-small', 'data-testid': 'project-back' }, t('plan.project.back'));
    back.addEventListener('click', () => this.onBack());
    if (this.state.state !== 'ready') {
      this.el.dataset.state = this.state.state;
      replaceChildren(this.el, back, loadStateView(this.state, () => this.load(true)));
      return;
    }
    const p = this.state.value;
    this.el.dataset.state = 'ready';
    this.el.dataset.status = p.status;
    this.el.dataset.projectId = String(p.id);
    replaceChildren(
      this.el,
      back,
      h('h3', { class: 'plan-project-name', 'data-testid': 'project-name-view' }, bdi(p.name)),
      h('p', { class: 'pole-chips' }, h('span', { class: `chip plan-chip-${p.status}`, 'data-testid': 'project-status' }, tEnum('plan.status', p.status))),
      h(
        'dl',
        { class: 'plan-figures' },
        fact(t('plan.project.district'), this.districtName(p.district)),
        fact(t('plan.project.planned'), t('plan.works.when', { start: formatDay(p.planned_start), end: formatDay(p.planned_end) })),
        fact(t('plan.project.actualStart'), p.actual_start ? formatDay(p.actual_start) : null, 'project-actual-start'),
        fact(t('plan.project.actualEnd'), p.actual_end ? formatDay(p.actual_end) : null, 'project-actual-end'),
        fact(t('plan.project.length'), formatLength(p.length_m)),
        fact(t('plan.project.createdBy'), `${formatActor(p.created_by)} · ${formatShanghai(p.created_at) ?? p.created_at}`),
      ),
      h('h4', null, t('plan.project.firms')),
      h('p', { class: 'pole-chips', 'data-testid': 'project-firms' }, ...(p.firms.length ? p.firms.map((f) => h('span', { class: 'chip plan-firm-chip', style: `border-color:${this.ctx.owners.colour(f.code)}` }, lang() === 'zh' ? f.name_zh : f.name_en || f.name_zh)) : [t('panel.none')])),
      this.actions(p),
      this.message.el,
      h('h4', null, p.status === 'completed' ? t('plan.project.impactApplied') : t('plan.project.impactLive')),
      this.impactView.render(p.impact, null),
      h('h4', null, t('plan.project.timeline')),
      h('ol', { class: 'plan-timeline', 'data-testid': 'project-timeline' }, ...p.events.map(eventItem)),
    );
    this.impactView.drawChart(p.impact);
  }

  private districtName(code: string | null): string | null {
    if (!code) return null;
    const d = this.ctx.districts?.features.find((f) => f.properties.code === code)?.properties;
    return d ? (lang() === 'zh' ? d.name_zh : d.name_en || d.name_zh) : code;
  }

  private actions(p: Project): HTMLElement | null {
    const next = NEXT_ACTIONS[p.status];
    if (!this.rights.plan || next.length === 0) return null;
    return h(
      'div',
      { class: 'form-actions plan-actions', 'data-testid': 'project-actions' },
      ...next.map((action) => {
        const danger = action === 'cancel';
        const b = h('button', { type: 'button', class: `button${danger ? ' button-danger' : ' button-primary'}`, 'data-testid': `project-${action}`, disabled: this.busy }, actionLabel(action));
        b.addEventListener('click', () => void this.act(p, action));
        return b;
      }),
    );
  }

  private async act(p: Project, action: ProjectAction): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.message.clear();
    this.render();
    try {
      const moved = await runAction(p, action);
      if (moved) {
        this.message.show('ok', t('plan.action.done', { status: tEnum('plan.status', moved.status) }));
        notePlanningChange();
      }
    } catch (err) {
      this.message.show('error', t('plan.action.failed', { message: describePlanError(err) }));
    } finally {
      this.busy = false;
      // The server's answer may lack the events the transition wrote: read the project again.
      this.load(false);
    }
  }

  private showOnMap(p: Project, fit: boolean): void {
    const { map, layers } = this.ctx;
    const latlngs = p.route.coordinates.map(([lng = 0, lat = 0]) => L.latLng(lat, lng));
    this.routeLine?.remove();
    this.routeLine = L.polyline(latlngs, { color: '#111', weight: 10, opacity: 0.35, lineCap: 'round', interactive: false }).addTo(map);
    // Once completed its poles are flagged, and the removal-candidates layer draws them.
    const open = p.status !== 'completed' && p.status !== 'cancelled';
    layers.candidates.show(open ? p.impact.freed_poles : []);
    layers.spans.setAffected(open ? p.impact.spans.ids : []);
    if (fit && latlngs.length > 1) map.fitBounds(L.latLngBounds(latlngs), { padding: [60, 60], maxZoom: 18 });
  }
}
