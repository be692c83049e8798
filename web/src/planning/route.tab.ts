import * as L from 'leaflet';
import type { LineString } from 'geojson';
import { isAbortError } from '../api/api.error.ts';
import { fetchImpact } from '../api/burial.api.ts';
import type { Impact } from '../api/burial.types.ts';
import { noteAuthFailure } from '../auth/session.actions.ts';
import { formatLength } from '../campaign/figures.format.ts';
import { t } from '../i18n/i18n.ts';
import { ROUTE_LINE } from '../map/burial.style.ts';
import { routeLengthM } from '../map/route.length.ts';
import { ShapeDraw } from '../map/shape.draw.ts';
import { DeferredCall } from '../state/deferred.call.ts';
import type { Loadable } from '../state/loadable.ts';
import { h, replaceChildren } from '../ui/dom.builder.ts';
import { describePlanError } from './plan.errors.ts';
import { field, type FieldHandle } from '../ui/form.field.ts';
import { ImpactView } from './impact.view.ts';
import type { PlanningContext, PlanningRights } from './planning.context.ts';
import { openProjectForm } from './project.form.ts';

/** The contract's default, for a server that does not say its own. */
export const DEFAULT_CORRIDOR_M = 15;
const CORRIDOR_MIN = 1;
const CORRIDOR_MAX = 100;
/** Typing "25" passes through "2"; wait for the number before asking the server. */
const CORRIDOR_DEBOUNCE_MS = 400;

/** State of the route tab the browser tests read through window.polewatch. */
export interface RouteState {
  route: LineString | null;
  clientLength: number | null;
  corridor: number;
  impact: Impact | null;
  drawing: boolean;
  /** impacts received so far: a test sees an edit's new answer arrive */
  assessed: number;
}

/**
 * 画路线: draw a burial route on the map, watch its length grow (Turf, in the browser), and
 * once it is finished (or after each edit) ask the server what burying it would take down.
 * The corridor width redraws the corridor at once and asks again. A planner saves the
 * route as a project from here.
 */
export class RouteTab {
  readonly el = h('div', { class: 'plan-tab route-tab', 'data-testid': 'route-tab' });
  private readonly draw: ShapeDraw;
  private readonly impactView: ImpactView;
  private readonly lengthLine = h('p', { class: 'plan-length', 'data-testid': 'route-length', role: 'status' });
  private readonly corridorField: FieldHandle<HTMLInputElement>;
  private points: L.LatLng[] | null = null;
  private corridor: number;
  private impact: Loadable<Impact> | null = null;
  private assessed = 0;
  private request: AbortController | null = null;
  private readonly reassess = new DeferredCall(() => void this.assess());

  constructor(
    private readonly ctx: PlanningContext,
    private readonly rights: PlanningRights,
  ) {
    this.corridor = ctx.defaultCorridor;
    this.corridorField = field(
      t('plan.corridor'),
      h('input', { type: 'number', name: 'corridor_m', min: CORRIDOR_MIN, max: CORRIDOR_MAX, step: 1, value: this.corridor, inputmode: 'numeric', 'data-testid': 'corridor-input' }),
      t('plan.corridorHint', { m: this.corridor }),
    );
    this.draw = new ShapeDraw(ctx.map, ctx.drawBar, ROUTE_LINE);
    this.impactView = new ImpactView(ctx.owners);
    this.corridorField.control.addEventListener('input', () => this.corridorChanged());
  }

  state(): RouteState {
    return {
      route: this.points ? lineOf(this.points) : null,
      clientLength: this.points ? routeLengthM(this.points) : null,
      corridor: this.corridor,
      impact: this.impact?.state === 'ready' ? this.impact.value : null,
      drawing: this.draw.isDrawing(),
      assessed: this.assessed,
    };
  }

  render(): void {
    const drawing = this.draw.isDrawing();
    // The impact re-renders while someone is still typing a corridor width: keep them in the box.
    const typing = document.activeElement === this.corridorField.control;
    replaceChildren(
      this.el,
      h('p', { class: 'hint' }, t('plan.route.intro')),
      h(
        'div',
        { class: 'form-actions' },
        !drawing ? this.button(this.points ? t('plan.route.redraw') : t('plan.route.draw'), 'route-draw', () => this.start(), !this.points) : null,
        this.points && !drawing ? this.button(t('plan.route.clear'), 'route-clear', () => this.reset()) : null,
      ),
      drawing ? h('p', { class: 'work-count', role: 'status' }, t('plan.route.drawing')) : null,
      this.lengthLine,
      this.corridorField.row,
      this.points ? h('p', { class: 'hint' }, t('plan.route.editHint')) : null,
      this.impactSection(),
    );
    if (typing) this.corridorField.control.focus();
    this.renderLength(this.points ?? [], null);
    if (this.impact?.state === 'ready') {
      this.impactView.drawChart(this.impact.value);
      // Back from a project's page, whose marks replaced the route's.
      this.showOnMap(this.impact.value);
    }
  }

  private impactSection(): HTMLElement | null {
    const state = this.impact;
    if (!state) return null;
    if (state.state === 'loading') return h('p', { class: 'hint', role: 'status', 'data-testid': 'impact-loading' }, t('plan.impact.loading'));
    if (state.state === 'failed') {
      return h('div', { class: 'form-message form-message-error', role: 'alert', 'data-testid': 'impact-error' }, t('plan.impact.failed', { message: describePlanError(state.error) }), ' ', this.button(t('error.retry'), 'impact-retry', () => void this.assess()));
    }
    const save = this.rights.plan ? this.button(t('plan.route.save'), 'route-save', () => this.save(state.value), true) : h('p', { class: 'hint' }, t('plan.route.saveNotAllowed'));
    return h('div', null, h('h3', null, t('plan.impact.title')), this.impactView.render(state.value, this.points ? routeLengthM(this.points) : null), h('div', { class: 'form-actions' }, save));
  }

  private button(label: string, testid: string, run: () => void, primary = false): HTMLButtonElement {
    const b = h('button', { type: 'button', class: `button${primary ? ' button-primary' : ''}`, 'data-testid': testid }, label);
    b.addEventListener('click', run);
    return b;
  }

  private start(): void {
    this.reset(false);
    this.ctx.setPanelOpen(false);
    this.draw.start('Line', {
      describe: (points, cursor) => this.describe(points, cursor),
      onProgress: (points, cursor) => this.renderLength(points, cursor),
      onShape: (layer) => {
        this.points = layer.getLatLngs() as L.LatLng[];
        this.ctx.setPanelOpen(true);
        this.ctx.layers.corridor.show(this.points, this.corridor);
        this.render();
        void this.assess();
      },
      onCancel: () => {
        this.ctx.setPanelOpen(true);
        this.render();
      },
    });
    this.render();
  }

  private describe(points: readonly L.LatLng[], cursor: L.LatLng | null): string {
    if (points.length === 0) return t('plan.route.firstPoint');
    const placed = routeLengthM(points);
    const toCursor = cursor ? routeLengthM([...points, cursor]) : placed;
    return t('plan.route.running', { n: points.length, length: formatLength(placed), cursor: formatLength(toCursor) });
  }

  private renderLength(points: readonly L.LatLng[], cursor: L.LatLng | null): void {
    if (points.length < 2 && !cursor) {
      this.lengthLine.textContent = t('plan.route.noRoute');
      delete this.lengthLine.dataset.metres;
      return;
    }
    const metres = routeLengthM(points);
    this.lengthLine.dataset.metres = metres.toFixed(2);
    this.lengthLine.textContent = this.draw.isDrawing() ? this.describe(points, cursor) : t('plan.route.length', { length: formatLength(metres) });
    // An edit in progress moves the corridor with the dragged vertex.
    if (!this.draw.isDrawing() && points.length >= 2) this.ctx.layers.corridor.show(points, this.corridor);
  }

  private corridorChanged(): void {
    const value = Number(this.corridorField.control.value);
    if (!Number.isInteger(value) || value < CORRIDOR_MIN || value > CORRIDOR_MAX) {
      this.corridorField.setError(t('plan.corridorInvalid', { min: CORRIDOR_MIN, max: CORRIDOR_MAX }));
      return;
    }
    this.corridorField.setError(null);
    this.corridor = value;
    if (!this.points) return;
    this.ctx.layers.corridor.show(this.points, value);
    this.reassess.schedule(CORRIDOR_DEBOUNCE_MS);
  }

  private async assess(): Promise<void> {
    const points = this.points;
    if (!points || !this.rights.assess) return;
    this.request?.abort();
    const request = new AbortController();
    this.request = request;
    this.impact = { state: 'loading' };
    this.render();
    this.ctx.progress.begin();
    try {
      const impact = await fetchImpact({ route: lineOf(points), corridor_m: this.corridor }, request.signal);
      if (request.signal.aborted) return;
      this.impact = { state: 'ready', value: impact };
      this.assessed += 1;
      this.showOnMap(impact);
    } catch (error) {
      if (isAbortError(error) || request.signal.aborted) return;
      noteAuthFailure(error);
      this.impact = { state: 'failed', error };
      this.showOnMap(null);
    } finally {
      this.ctx.progress.end();
      if (this.request === request) {
        this.request = null;
        this.render();
      }
    }
  }

  private showOnMap(impact: Impact | null): void {
    this.ctx.layers.spans.setAffected(impact?.spans.ids ?? []);
    this.ctx.layers.candidates.show(impact?.freed_poles ?? []);
  }

  private save(impact: Impact): void {
    const points = this.points;
    if (!points) return;
    openProjectForm({
      ctx: this.ctx,
      route: lineOf(points),
      corridor: this.corridor,
      impact,
      onSaved: (project) => {
        this.reset();
        this.ctx.openProject(project.id);
      },
    });
  }

  /** Drops the drawn route, its corridor and its impact. */
  private reset(render = true): void {
    this.request?.abort();
    this.draw.clear();
    this.points = null;
    this.impact = null;
    this.ctx.layers.corridor.clear();
    this.showOnMap(null);
    if (render) this.render();
  }
}

function lineOf(points: readonly L.LatLng[]): LineString {
  // Seven decimals (about a centimetre) is what the server keeps; more is noise.
  const round = (v: number): number => Math.round(v * 1e7) / 1e7;
  return { type: 'LineString', coordinates: points.map((p) => [round(p.lng), round(p.lat)]) };
}
