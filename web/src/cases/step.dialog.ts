import { noteAuthFailure } from '../auth/session.actions.ts';
import { t } from '../i18n/i18n.ts';
import { Dialog } from '../ui/dialog.view.ts';
import { h, replaceChildren, type Child } from '../ui/dom.builder.ts';
import { describeError } from '../ui/error.describe.ts';
import { formMessage } from '../ui/form.field.ts';

/** What a step's confirm button leads to: the next step of the same dialog, or done. */
export type StepOutcome = Step | 'done';

/**
 * One screen of a procedural step's form: the fields it needs and what confirming does.
 * `run` checks the fields first and returns null when one is wrong (it has said why next
 * to the field); otherwise it sends, and a refusal is shown in words above the buttons.
 */
export interface Step {
  /** the fields; a function when the step offers a way to another step (e.g. "issue a new one") */
  content: Child[] | ((goTo: (next: Step) => void) => Child[]);
  confirmLabel: string;
  danger?: boolean;
  run: () => Promise<StepOutcome> | null;
}

/**
 * A small modal form for one step of the procedure, possibly in stages (issue the document,
 * then record its service). Resolves true once the last stage went through.
 */
export function stepDialog(title: string, testId: string, first: Step): Promise<boolean> {
  return new Promise((resolve) => {
    let done = false;
    const message = formMessage();
    const form = h('form', { class: 'form case-action-form', novalidate: true, 'data-testid': testId });
    const dialog = new Dialog({ title, className: 'case-action-dialog', onClose: () => resolve(done) }, form);
    let step = first;

    const show = (next: Step): void => {
      step = next;
      message.clear();
      const confirm = h(
        'button',
        { type: 'submit', class: `button button-primary${next.danger ? ' button-danger' : ''}`, 'data-testid': 'action-confirm' },
        next.confirmLabel,
      );
      const cancel = h('button', { type: 'button', class: 'button' }, t('act.cancel'));
      cancel.addEventListener('click', () => dialog.close());
      const content = typeof next.content === 'function' ? next.content(show) : next.content;
      replaceChildren(form, ...content, message.el, h('div', { class: 'form-actions' }, confirm, cancel));
    };

    form.addEventListener('submit', (e) => {
      e.preventDefault();
      if (form.getAttribute('aria-busy') === 'true') return;
      const pending = step.run();
      if (!pending) return;
      const confirm = form.querySelector<HTMLButtonElement>('[data-testid="action-confirm"]');
      if (confirm) confirm.disabled = true;
      form.setAttribute('aria-busy', 'true');
      message.clear();
      pending.then(
        (outcome) => {
          form.removeAttribute('aria-busy');
          if (outcome === 'done') {
            done = true;
            dialog.close();
            return;
          }
          show(outcome);
          form.querySelector<HTMLElement>('input, select, textarea')?.focus();
        },
        (err: unknown) => {
          noteAuthFailure(err);
          form.removeAttribute('aria-busy');
          if (confirm) confirm.disabled = false;
          message.show('error', t('act.failed', { message: describeError(err) }));
        },
      );
    });

    show(first);
    dialog.open();
  });
}
