import { ATTACHMENT_KINDS, ATTACHMENT_STATUSES, type Attachment, type AttachmentKind, type AttachmentStatus } from '../api/ownership.types.ts';
import { saveAttachment } from '../api/ownership.api.ts';
import { noteAuthFailure } from '../auth/session.actions.ts';
import { t, tEnum } from '../i18n/i18n.ts';
import type { Owners } from '../map/owner.colours.ts';
import { currentUser } from '../state/session.store.ts';
import { h, replaceChildren } from '../ui/dom.builder.ts';
import { describeError } from '../ui/error.describe.ts';
import { field, formMessage, select } from '../ui/form.field.ts';

export interface AttachmentFormOptions {
  poleId: number;
  owners: Owners;
  /** what is on the pole now: picking a firm and kind fills in what it last declared */
  current: () => readonly Attachment[];
  onSaved: () => void;
}

/**
 * Declaring a firm's cables on a pole (挂载申报): a carrier for its own firm, an officer for
 * any firm seen in the field. The server keeps one record per firm and kind, so saving the
 * same pair again updates it (e.g. to "removed" once the cables are off).
 */
export class AttachmentForm {
  readonly el = h('div', { class: 'attachment-declare' });
  private open = false;
  private readonly message = formMessage();
  private saved: (() => string) | null = null;

  constructor(private readonly options: AttachmentFormOptions) {
    this.render();
  }

  render(): void {
    if (this.saved) this.message.show('ok', this.saved());
    if (!this.open) {
      const button = h('button', { type: 'button', class: 'button button-small', 'data-testid': 'attach-open' }, t('attach.declare'));
      button.addEventListener('click', () => {
        this.open = true;
        this.saved = null;
        this.message.clear();
        this.render();
        this.el.querySelector<HTMLElement>('select')?.focus();
      });
      replaceChildren(this.el, this.message.el, h('div', { class: 'form-actions' }, button));
      return;
    }
    replaceChildren(this.el, this.form());
  }

  private form(): HTMLElement {
    const { owners } = this.options;
    const user = currentUser();
    const ownFirm = user?.role === 'carrier' ? user.org : null;
    const org = field(
      t('attach.org'),
      select(
        owners.carriers().map((o) => ({ value: o.code, label: owners.name(o.code) })),
        ownFirm,
        { name: 'org' },
      ),
    );
    // A carrier declares for its own firm only; the choice is shown, not offered.
    org.control.disabled = ownFirm !== null;
    const kind = field(t('attach.kindLabel'), select(ATTACHMENT_KINDS.map((k) => ({ value: k, label: tEnum('attach.kind', k) })), 'fibre', { name: 'kind' }));
    const count = field(t('attach.count'), h('input', { type: 'number', name: 'cable_count', min: 1, max: 99, step: 1, value: 1, inputmode: 'numeric' }), t('attach.countHint'));
    const status = field(t('attach.statusLabel'), select(ATTACHMENT_STATUSES.map((s) => ({ value: s, label: tEnum('attach.status', s) })), 'active', { name: 'status' }));
    const prefill = (): void => {
      const known = this.options.current().find((a) => a.org_code === org.control.value && a.kind === kind.control.value);
      count.control.value = String(known?.cable_count ?? 1);
      status.control.value = known?.status ?? 'active';
    };
    org.control.addEventListener('change', prefill);
    kind.control.addEventListener('change', prefill);
    prefill();

    const submit = h('button', { type: 'submit', class: 'button button-primary', 'data-testid': 'attach-save' }, t('attach.save'));
    const cancel = h('button', { type: 'button', class: 'button' }, t('edit.cancel'));
    cancel.addEventListener('click', () => {
      this.open = false;
      this.render();
    });
    const form = h(
      'form',
      { class: 'form claim-form', novalidate: true, 'data-testid': 'attach-form' },
      h('h4', null, t('attach.declareTitle')),
      org.row,
      kind.row,
      count.row,
      status.row,
      this.message.el,
      h('div', { class: 'form-actions' }, submit, cancel),
    );
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const n = Number(count.control.value);
      if (!Number.isInteger(n) || n < 1 || n > 99) {
        count.setError(t('attach.countInvalid'));
        return count.control.focus();
      }
      count.setError(null);
      submit.disabled = true;
      const body = {
        ...(ownFirm ? {} : { org: org.control.value }),
        kind: kind.control.value as AttachmentKind,
        cable_count: n,
        status: status.control.value as AttachmentStatus,
      };
      saveAttachment(this.options.poleId, body).then(
        (a) => {
          this.open = false;
          this.saved = () => t('attach.saved', { org: owners.name(a.org_code), what: t('attach.line', { kind: tEnum('attach.kind', a.kind), n: a.cable_count }), status: tEnum('attach.status', a.status) });
          this.render();
          this.options.onSaved();
        },
        (err: unknown) => {
          noteAuthFailure(err);
          submit.disabled = false;
          this.message.show('error', t('attach.saveFailed', { message: describeError(err) }));
        },
      );
    });
    return form;
  }
}
