import type * as L from 'leaflet';
import { createRoadWork } from '../api/roadworks.api.ts';
import type { RoadWorkGeometry } from '../api/burial.types.ts';
import { noteAuthFailure } from '../auth/session.actions.ts';
import { formatLength } from '../campaign/figures.format.ts';
import { t } from '../i18n/i18n.ts';
import { shanghaiDay } from '../i18n/time.format.ts';
import { addDays } from '../i18n/day.arith.ts';
import { routeLengthM } from '../map/route.length.ts';
import { ShapeDraw, type DrawShape } from '../map/shape.draw.ts';
import { notePlanningChange } from '../state/planning.store.ts';
import { h, replaceChildren } from '../ui/dom.builder.ts';
import { describePlanError } from './plan.errors.ts';
import { field, formMessage } from '../ui/form.field.ts';
import { dateRangeFields } from './date.range.ts';
import type { PlanningContext } from './planning.context.ts';
import { WorksImport } from './works.import.ts';

const WORKS_STYLE: L.PathOptions = { color: '#8c2d04', weight: 5, fillColor: '#ec7014', fillOpacity: 0.25 };
const MAX_NAME = 200;

function geometryOf(layer: L.Polyline, shape: DrawShape): RoadWorkGeometry {
  const round = (v: number): number => Math.round(v * 1e7) / 1e7;
  const points = (layer.getLatLngs().flat(2) as L.LatLng[]).map((p) => [round(p.lng), round(p.lat)]);
  if (shape === 'Line') return { type: 'LineString', coordinates: points };
  const first = points[0]!;
  return { type: 'Polygon', coordinates: [[...points, [...first]]] };
}

/**
 * 道路改造: a planner adds the road works the city has planned, by drawing the road (a line)
 * or the site (an area) and giving a name and the planned days, or imports a GeoJSON file of
 * them. They then show on the map and in the dig-once list.
 */
export class WorksTab {
  readonly el = h('div', { class: 'plan-tab works-tab', 'data-testid': 'works-tab' });
  private readonly draw: ShapeDraw;
  private readonly importer = new WorksImport();
  private shape: DrawShape = 'Line';
  private drawn: L.Polyline | null = null;
  private readonly message = formMessage();

  constructor(private readonly ctx: PlanningContext) {
    this.draw = new ShapeDraw(ctx.map, ctx.drawBar, WORKS_STYLE);
  }

  render(): void {
    replaceChildren(
      this.el,
      h('h3', null, t('plan.works.addTitle')),
      h('p', { class: 'hint' }, t('plan.works.addIntro')),
      this.drawn ? this.form(this.drawn) : this.drawButtons(),
      this.message.el,
      h('h3', null, t('plan.works.importTitle')),
      this.importer.el,
    );
    this.importer.render();
  }

  private drawButtons(): HTMLElement {
    const button = (shape: DrawShape, label: string, testid: string): HTMLButtonElement => {
      const b = h('button', { type: 'button', class: 'button', 'data-testid': testid, disabled: this.draw.isDrawing() }, label);
      b.addEventListener('click', () => this.start(shape));
      return b;
    };
    return h('div', { class: 'form-actions' }, button('Line', t('plan.works.drawLine'), 'works-draw-line'), button('Polygon', t('plan.works.drawArea'), 'works-draw-area'));
  }

  private start(shape: DrawShape): void {
    this.shape = shape;
    this.message.clear();
    this.ctx.setPanelOpen(false);
    this.draw.start(shape, {
      describe: (points) => (points.length === 0 ? t('plan.works.firstPoint') : shape === 'Line' ? t('plan.works.runningLine', { n: points.length, length: formatLength(routeLengthM(points)) }) : t('plan.works.runningArea', { n: points.length })),
      onShape: (layer) => {
        this.drawn = layer;
        this.ctx.setPanelOpen(true);
        this.render();
      },
      onCancel: () => {
        this.ctx.setPanelOpen(true);
        this.render();
      },
    });
    this.render();
  }

  private form(layer: L.Polyline): HTMLFormElement {
    const name = field(t('plan.works.name'), h('input', { type: 'text', name: 'name', required: true, maxlength: MAX_NAME, 'data-testid': 'works-name' }));
    const today = shanghaiDay();
    const dates = dateRangeFields(addDays(today, 30), addDays(today, 120));
    const submit = h('button', { type: 'submit', class: 'button button-primary', 'data-testid': 'works-submit' }, t('plan.works.submit'));
    const discard = h('button', { type: 'button', class: 'button' }, t('plan.works.discard'));
    discard.addEventListener('click', () => this.reset());
    const form = h('form', { class: 'form', novalidate: true, 'data-testid': 'works-form' }, h('p', { class: 'work-count' }, this.shape === 'Line' ? t('plan.works.lineReady') : t('plan.works.areaReady')), name.row, h('div', { class: 'plan-dates' }, dates.start.row, dates.end.row), h('div', { class: 'form-actions' }, submit, discard));
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const value = name.control.value.trim();
      name.setError(value ? null : t('plan.works.nameRequired'));
      if (!value) return name.control.focus();
      const days = dates.read();
      if (!days) return;
      submit.disabled = true;
      createRoadWork({ name: value, geometry: geometryOf(layer, this.shape), planned_start: days.start, planned_end: days.end }).then(
        () => {
          this.reset();
          this.message.show('ok', t('plan.works.saved', { name: value }));
          notePlanningChange();
        },
        (err: unknown) => {
          noteAuthFailure(err);
          submit.disabled = false;
          this.message.show('error', t('plan.works.saveFailed', { message: describePlanError(err) }));
        },
      );
    });
    queueMicrotask(() => name.control.focus());
    return form;
  }

  private reset(): void {
    this.draw.clear();
    this.drawn = null;
    this.render();
  }
}
