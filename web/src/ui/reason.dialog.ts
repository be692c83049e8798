import { t } from '../i18n/i18n.ts';
import { Dialog } from './dialog.view.ts';
import { h } from './dom.builder.ts';
import { describeError } from './error.describe.ts';
import { field, formMessage } from './form.field.ts';

export interface ReasonDialogOptions {
  title: string;
  /** what is being decided, in a sentence above the field */
  intro: string;
  label: string;
  hint: string;
  confirmLabel: string;
  danger?: boolean;
  /** shortest acceptable reason, as the server counts it */
  minLength: number;
  /** the sentence shown when the reason is too short */
  tooShort: string;
  /** sends the decision; a rejection is shown in the dialog, which stays open for a retry */
  submit: (reason: string) => Promise<void>;
}

/**
 * Asks for a written reason before a decision that people will read later (accepting or
 * rejecting a claim). Resolves true once `submit` succeeded, false if the dialog was closed.
 */
export function reasonDialog(options: ReasonDialogOptions): Promise<boolean> {
  return new Promise((resolve) => {
    let done = false;
    const reason = field(options.label, h('textarea', { name: 'reason', maxlength: 2000, required: true, rows: 3 }), options.hint);
    const message = formMessage();
    const confirm = h(
      'button',
      { type: 'submit', class: `button button-primary${options.danger ? ' button-danger' : ''}`, 'data-testid': 'reason-confirm' },
      options.confirmLabel,
    );
    const cancel = h('button', { type: 'button', class: 'button' }, t('admin.cancel'));
    const form = h('form', { class: 'form', novalidate: true }, h('p', null, options.intro), reason.row, message.el, h('div', { class: 'form-actions' }, confirm, cancel));
    const dialog = new Dialog({ title: options.title, onClose: () => resolve(done) }, form);
    cancel.addEventListener('click', () => dialog.close());
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const text = reason.control.value.trim();
      if (text.length < options.minLength) {
        reason.setError(options.tooShort);
        reason.control.focus();
        return;
      }
      reason.setError(null);
      message.clear();
      confirm.disabled = true;
      form.setAttribute('aria-busy', 'true');
      options.submit(text).then(
        () => {
          done = true;
          dialog.close();
        },
        (err: unknown) => {
          confirm.disabled = false;
          form.removeAttribute('aria-busy');
          message.show('error', describeError(err));
        },
      );
    });
    dialog.open(reason.control);
  });
}
