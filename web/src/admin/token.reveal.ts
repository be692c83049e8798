import { t } from '../i18n/i18n.ts';
import { Dialog } from '../ui/dialog.view.ts';
import { h } from '../ui/dom.builder.ts';
import { formMessage } from '../ui/form.field.ts';

async function copyText(text: string, input: HTMLInputElement): Promise<boolean> {
  try {
    // Only in a secure context (https or localhost); an intranet http address has no API.
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    input.select();
    try {
      return document.execCommand('copy');
    } catch {
      return false;
    }
  }
}

/**
 * Shows a new token's secret, the one time the server hands it out. A modal, so it cannot be
 * missed or scrolled away, and closing it is a deliberate "I have saved it".
 */
export function revealToken(name: string, token: string): void {
  const input = h('input', { type: 'text', readonly: true, class: 'token-value', id: 'new-token', 'data-testid': 'token-secret', spellcheck: 'false', autocomplete: 'off' });
  input.value = token;
  input.addEventListener('focus', () => input.select());
  const status = formMessage();
  const copy = h('button', { type: 'button', class: 'button button-primary', 'data-testid': 'token-copy' }, t('tokens.copy'));
  copy.addEventListener('click', () => {
    void copyText(token, input).then((ok) => (ok ? status.show('ok', t('tokens.copied')) : status.show('error', t('tokens.copyFailed'))));
  });
  const done = h('button', { type: 'button', class: 'button' }, t('tokens.done'));
  const dialog = new Dialog(
    { title: t('tokens.onceTitle', { name }), className: 'token-dialog' },
    h('p', { class: 'warning', role: 'note' }, h('strong', null, '⚠ '), t('tokens.onceWarning')),
    h('div', { class: 'form-field' }, h('label', { for: 'new-token', class: 'field-label' }, t('tokens.value')), h('div', { class: 'token-row' }, input, copy)),
    status.el,
    h('div', { class: 'form-actions' }, done),
  );
  done.addEventListener('click', () => dialog.close());
  dialog.open(copy);
}
