import type { SessionUser } from '../api/auth.types.ts';
import { t } from '../i18n/i18n.ts';
import { Dialog } from '../ui/dialog.view.ts';
import { h } from '../ui/dom.builder.ts';
import { checkField, field, formMessage } from '../ui/form.field.ts';
import { describeLoginError } from './login.errors.ts';
import { signIn } from './session.actions.ts';

let openDialog: Dialog | null = null;

function focusAccount(): void {
  for (const el of document.querySelectorAll<HTMLElement>('#account button, #account a')) {
    if (el.offsetParent !== null) return el.focus();
  }
}

/**
 * The sign-in form, as a modal over whatever page is showing, so signing in never loses the
 * map view or an open pole. A second call while it is open does nothing.
 */
export function openLoginDialog(options: { onSignedIn?: (user: SessionUser) => void; onClose?: () => void } = {}): void {
  if (openDialog) return;
  const username = field(
    t('auth.username'),
    h('input', { type: 'text', name: 'username', autocomplete: 'username', autocapitalize: 'none', spellcheck: 'false', required: true, maxlength: 40 }),
  );
  const password = field(
    t('auth.password'),
    h('input', { type: 'password', name: 'password', autocomplete: 'current-password', required: true, maxlength: 200 }),
  );
  const show = checkField(t('auth.showPassword'), false);
  show.control.addEventListener('change', () => {
    password.control.type = show.control.checked ? 'text' : 'password';
  });
  const message = formMessage();
  const submit = h('button', { type: 'submit', class: 'button button-primary' }, t('auth.submit'));
  const cancel = h('button', { type: 'button', class: 'button' }, t('auth.cancel'));
  const form = h(
    'form',
    { class: 'form login-form', novalidate: true, 'data-testid': 'login-form' },
    h('p', { class: 'hint' }, t('auth.intro')),
    username.row,
    password.row,
    show.row,
    message.el,
    h('div', { class: 'form-actions' }, submit, cancel),
  );

  const dialog = new Dialog({ title: t('auth.title'), closeLabel: t('auth.close'), className: 'login-dialog', onClose: () => {
    openDialog = null;
    options.onClose?.();
  } }, form);
  cancel.addEventListener('click', () => dialog.close());

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const name = username.control.value.trim();
    const secret = password.control.value;
    username.setError(name ? null : t('admin.required'));
    password.setError(secret ? null : t('admin.required'));
    if (!name || !secret) {
      message.show('error', t('auth.required'));
      (name ? password.control : username.control).focus();
      return;
    }
    message.clear();
    submit.disabled = true;
    submit.textContent = t('auth.submitting');
    signIn(name, secret).then(
      (user) => {
        dialog.close();
        options.onSignedIn?.(user);
        // The button that opened the dialog was replaced by the account area; keyboard
        // users continue from there rather than from the top of the page.
        if (document.activeElement === document.body) focusAccount();
      },
      (err: unknown) => {
        submit.disabled = false;
        submit.textContent = t('auth.submit');
        message.show('error', describeLoginError(err));
        // A wrong password is retyped, not the username.
        password.control.select();
        password.control.focus();
      },
    );
  });

  openDialog = dialog;
  dialog.open(username.control);
}
