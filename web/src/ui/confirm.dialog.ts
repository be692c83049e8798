import { t } from '../i18n/i18n.ts';
import { Dialog } from './dialog.view.ts';
import { h } from './dom.builder.ts';

/**
 * Asks before something that cannot be undone. Resolves true only on the confirm button;
 * Escape, × and Cancel all mean no. Focus starts on Cancel, the harmless choice.
 */
export function confirmDialog(title: string, text: string, confirmLabel: string): Promise<boolean> {
  return new Promise((resolve) => {
    let answer = false;
    const yes = h('button', { type: 'button', class: 'button button-danger button-primary', 'data-testid': 'confirm-yes' }, confirmLabel);
    const no = h('button', { type: 'button', class: 'button' }, t('admin.cancel'));
    const dialog = new Dialog(
      { title, onClose: () => resolve(answer) },
      h('p', null, text),
      h('div', { class: 'form-actions' }, yes, no),
    );
    yes.addEventListener('click', () => {
      answer = true;
      dialog.close();
    });
    no.addEventListener('click', () => dialog.close());
    dialog.open(no);
  });
}
