import type { LineString } from 'geojson';
import { createProject } from '../api/burial.api.ts';
import type { Impact, Project } from '../api/burial.types.ts';
import { noteAuthFailure } from '../auth/session.actions.ts';
import { formatLength } from '../campaign/figures.format.ts';
import { lang, t } from '../i18n/i18n.ts';
import { shanghaiDay } from '../i18n/time.format.ts';
import { addDays } from '../i18n/day.arith.ts';
import { notePlanningChange } from '../state/planning.store.ts';
import { Dialog } from '../ui/dialog.view.ts';
import { h } from '../ui/dom.builder.ts';
import { describePlanError } from './plan.errors.ts';
import { checkField, field, formMessage, select } from '../ui/form.field.ts';
import { dateRangeFields } from './date.range.ts';
import type { PlanningContext } from './planning.context.ts';

const MAX_NAME = 200;

export interface ProjectFormOptions {
  ctx: PlanningContext;
  route: LineString;
  corridor: number;
  impact: Impact;
  onSaved: (project: Project) => void;
}

/**
 * 保存为工程: name, district, the firms whose cable goes underground (ticked from the impact,
 * and changeable), and the planned days. The route and corridor are the ones drawn.
 */
export function openProjectForm(options: ProjectFormOptions): void {
  const { ctx, impact } = options;
  const today = shanghaiDay();
  const name = field(t('plan.project.name'), h('input', { type: 'text', name: 'name', required: true, maxlength: MAX_NAME, 'data-testid': 'project-name' }), t('plan.project.nameHint'));
  const districts = ctx.districts?.features.map((f) => f.properties) ?? [];
  const district = field(
    t('plan.project.district'),
    select([{ value: '', label: t('plan.project.districtNone') }, ...districts.map((d) => ({ value: d.code, label: lang() === 'zh' ? d.name_zh : d.name_en || d.name_zh }))], '', { name: 'district' }),
  );
  const affected = new Set(impact.firms.map((f) => f.code));
  const firms = ctx.owners.carriers().map((org) => ({ code: org.code, box: checkField(ctx.owners.name(org.code), affected.has(org.code), affected.has(org.code) ? t('plan.project.firmAffected') : undefined) }));
  for (const f of firms) f.box.control.dataset.firm = f.code;
  const dates = dateRangeFields(today, addDays(today, 90));
  const message = formMessage();
  const submit = h('button', { type: 'submit', class: 'button button-primary', 'data-testid': 'project-submit' }, t('plan.project.submit'));
  const cancel = h('button', { type: 'button', class: 'button' }, t('admin.cancel'));
  const firmsBox = h('fieldset', { class: 'plan-firms' }, h('legend', { class: 'field-label' }, t('plan.project.firms')), ...firms.map((f) => f.box.row));
  const form = h(
    'form',
    { class: 'form', novalidate: true, 'data-testid': 'project-form' },
    h('p', { class: 'hint' }, t('plan.project.intro', { length: formatLength(impact.length_m), corridor: options.corridor, spans: impact.spans.count })),
    name.row,
    district.row,
    firmsBox,
    h('div', { class: 'plan-dates' }, dates.start.row, dates.end.row),
    message.el,
    h('div', { class: 'form-actions' }, submit, cancel),
  );
  const dialog = new Dialog({ title: t('plan.project.formTitle'), className: 'plan-dialog' }, form);
  cancel.addEventListener('click', () => dialog.close());
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const projectName = name.control.value.trim();
    name.setError(projectName ? null : t('plan.project.nameRequired'));
    if (!projectName) return name.control.focus();
    const days = dates.read();
    if (!days) return;
    const chosen = firms.filter((f) => f.box.control.checked).map((f) => f.code);
    submit.disabled = true;
    form.setAttribute('aria-busy', 'true');
    message.clear();
    createProject({
      name: projectName,
      ...(district.control.value ? { district: district.control.value } : {}),
      route: options.route,
      firms: chosen,
      planned_start: days.start,
      planned_end: days.end,
      corridor_m: options.corridor,
    }).then(
      (project) => {
        dialog.close();
        notePlanningChange();
        options.onSaved(project);
      },
      (err: unknown) => {
        noteAuthFailure(err);
        submit.disabled = false;
        form.removeAttribute('aria-busy');
        message.show('error', t('plan.project.saveFailed', { message: describePlanError(err) }));
      },
    );
  });
  dialog.open(name.control);
}
