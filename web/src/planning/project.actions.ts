import type { Project, ProjectAction, ProjectStatus } from '../api/burial.types.ts';
import { transitionProject } from '../api/burial.api.ts';
import { noteAuthFailure } from '../auth/session.actions.ts';
import { t, type MessageKey } from '../i18n/i18n.ts';
import { shanghaiDay } from '../i18n/time.format.ts';
import { Dialog } from '../ui/dialog.view.ts';
import { h } from '../ui/dom.builder.ts';
import { describePlanError } from './plan.errors.ts';
import { field, formMessage } from '../ui/form.field.ts';
import { reasonDialog } from '../ui/reason.dialog.ts';

/** The moves each status allows: the server's transition table, for showing only the buttons that work. */
export const NEXT_ACTIONS: Record<ProjectStatus, readonly ProjectAction[]> = {
  proposed: ['approve', 'cancel'],
  approved: ['start', 'cancel'],
  in_progress: ['complete', 'cancel'],
  completed: [],
  cancelled: [],
};

const MIN_REASON = 4;

const LABELS: Record<ProjectAction, MessageKey> = {
  approve: 'plan.action.approve',
  start: 'plan.action.start',
  complete: 'plan.action.complete',
  cancel: 'plan.action.cancel',
};

export function actionLabel(action: ProjectAction): string {
  return t(LABELS[action]);
}

/** Asks for the day the works really started or ended (Beijing time, not after today). */
function dayDialog(project: Project, action: 'start' | 'complete'): Promise<Project | null> {
  return new Promise((resolve) => {
    let result: Project | null = null;
    const today = shanghaiDay();
    const earliest = action === 'complete' ? project.actual_start ?? undefined : undefined;
    const day = field(action === 'complete' ? t('plan.action.completeDay') : t('plan.action.startDay'), h('input', { type: 'date', name: 'on', required: true, value: today, max: today, min: earliest, 'data-testid': 'transition-day' }), t('plan.action.dayHint'));
    const message = formMessage();
    const submit = h('button', { type: 'submit', class: 'button button-primary', 'data-testid': 'transition-confirm' }, actionLabel(action));
    const cancel = h('button', { type: 'button', class: 'button' }, t('admin.cancel'));
    const intro = action === 'complete' ? t('plan.action.completeIntro', { spans: project.impact.spans.count, poles: project.impact.freed_poles.length }) : t('plan.action.startIntro');
    const form = h('form', { class: 'form', novalidate: true, 'data-testid': 'transition-form' }, h('p', null, intro), day.row, message.el, h('div', { class: 'form-actions' }, submit, cancel));
    const dialog = new Dialog({ title: t('plan.action.dialogTitle', { action: actionLabel(action), name: project.name }), onClose: () => resolve(result) }, form);
    cancel.addEventListener('click', () => dialog.close());
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const on = day.control.value;
      const error = !/^\d{4}-\d{2}-\d{2}$/.test(on) ? t('plan.dateRequired') : on > today ? t('plan.action.dayFuture') : earliest && on < earliest ? t('plan.action.dayBeforeStart') : null;
      day.setError(error);
      if (error) return day.control.focus();
      submit.disabled = true;
      message.clear();
      transitionProject(project.id, { action, version: project.version, on }).then(
        (moved) => {
          result = moved;
          dialog.close();
        },
        (err: unknown) => {
          noteAuthFailure(err);
          submit.disabled = false;
          message.show('error', t('plan.action.failed', { message: describePlanError(err) }));
        },
      );
    });
    dialog.open(day.control);
  });
}

/**
 * Moves a project on: approve at once; start and complete with their actual day; cancel
 * with a reason. Resolves the project as the server now has it, or null if nothing moved.
 */
export async function runAction(project: Project, action: ProjectAction): Promise<Project | null> {
  if (action === 'start' || action === 'complete') return dayDialog(project, action);
  if (action === 'cancel') {
    let moved: Project | null = null;
    await reasonDialog({
      title: t('plan.action.cancelTitle', { name: project.name }),
      intro: t('plan.action.cancelIntro'),
      label: t('plan.action.cancelReason'),
      hint: t('plan.action.cancelHint'),
      confirmLabel: actionLabel('cancel'),
      danger: true,
      minLength: MIN_REASON,
      tooShort: t('plan.action.cancelTooShort', { n: MIN_REASON }),
      submit: async (reason) => {
        try {
          moved = await transitionProject(project.id, { action, version: project.version, reason });
        } catch (err) {
          noteAuthFailure(err);
          throw err;
        }
      },
    });
    return moved;
  }
  try {
    return await transitionProject(project.id, { action, version: project.version });
  } catch (err) {
    noteAuthFailure(err);
    throw err;
  }
}
