import { ApiError, isUnreachable } from '../api/api.error.ts';
import type { PolePatch, PolePermissions } from '../api/api.types.ts';
import { queuePoleEdit } from '../offline/outbox.actions.ts';
import { versionOf } from '../offline/outbox.senders.ts';
import { patchPole, type PoleWithEtag } from '../api/poles.api.ts';
import { noteAuthFailure } from '../auth/session.actions.ts';
import { locale, t } from '../i18n/i18n.ts';
import type { Owners } from '../map/owner.colours.ts';
import { h } from '../ui/dom.builder.ts';
import { describeError } from '../ui/error.describe.ts';
import { formMessage } from '../ui/form.field.ts';
import { fieldLabel } from './history.changes.ts';
import { PoleEditForm } from './pole.edit.form.ts';
import type { PanelPole } from './pole.fields.ts';

export interface PoleEditorOptions {
  pole: PanelPole;
  etag: string;
  permissions: PolePermissions;
  owners: Owners;
  onSaved: (saved: PoleWithEtag) => void;
  onCancel: () => void;
  /** fetch the pole afresh after a 412, discarding this form */
  onReload: () => void;
  /** no connection: the edit went to the outbox and is sent later (a 412 then is settled there) */
  onQueued: () => void;
}

interface ValidationDetail {
  path?: unknown;
}

/** Field names out of a 422's details (`body/height_m`, `/height_m`, `height_m`). */
function refusedFields(details: unknown): string[] {
  if (!Array.isArray(details)) return [];
  return details
    .map((d: ValidationDetail) => (typeof d?.path === 'string' ? d.path.split('/').filter(Boolean).pop() : undefined))
    .filter((name): name is string => typeof name === 'string' && name !== 'body');
}

function staleVersion(details: unknown): number | null {
  const v = typeof details === 'object' && details !== null ? (details as { currentVersion?: unknown }).currentVersion : undefined;
  return typeof v === 'number' ? v : null;
}

/**
 * Editing one pole: the form, Save and Cancel, and every way a save can fail explained in
 * words. The panel swaps this in for its read-only fields and back.
 */
export class PoleEditor {
  /** a stable wrapper: the form inside is rebuilt on a language switch */
  readonly el = h('div', { class: 'pole-editor' });
  private form!: PoleEditForm;
  private readonly message = formMessage();
  private save!: HTMLButtonElement;
  private busy = false;

  constructor(private readonly options: PoleEditorOptions) {
    this.build(options.pole);
  }

  /** Re-labels the form in the current language, keeping what has been typed. */
  relabel(): void {
    if (this.busy) return;
    this.message.clear();
    this.build(this.form.draft());
  }

  focus(): void {
    this.form.focusFirst();
  }

  private build(initial: PanelPole): void {
    const { options } = this;
    this.save = h('button', { type: 'submit', class: 'button button-primary', 'data-testid': 'edit-save' }, t('edit.save'));
    const cancel = h('button', { type: 'button', class: 'button' }, t('edit.cancel'));
    cancel.addEventListener('click', () => options.onCancel());
    // The outcome sits with the buttons, which stay in view, not at the foot of a long form.
    const footer = h('div', { class: 'form-footer-sticky' }, this.message.el, h('div', { class: 'form-actions' }, this.save, cancel));
    this.form = new PoleEditForm(options.pole, options.permissions, options.owners, [footer], initial);
    this.form.el.addEventListener('submit', (e) => {
      e.preventDefault();
      void this.submit();
    });
    this.el.replaceChildren(this.form.el);
  }

  private async submit(): Promise<void> {
    if (this.busy) return;
    const { patch, valid } = this.form.read();
    if (!valid) {
      this.message.show('error', t('edit.fixErrors'));
      this.form.el.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      return;
    }
    if (Object.keys(patch).length === 0) {
      this.message.show('ok', t('edit.noChanges'));
      return;
    }
    this.setBusy(true);
    this.message.clear();
    try {
      const saved = await patchPole(this.options.pole.id, this.options.etag, patch);
      this.options.onSaved(saved);
    } catch (err) {
      if (isUnreachable(err) && (await this.queue(patch))) return;
      this.setBusy(false);
      this.showFailure(err);
    }
  }

  /** Keeps the edit in the outbox; false when even that is impossible (storage disabled). */
  private async queue(patch: PolePatch): Promise<boolean> {
    try {
      await queuePoleEdit(this.options.pole.id, this.options.etag, patch, versionOf(this.options.pole));
      this.options.onQueued();
      return true;
    } catch {
      return false;
    }
  }

  private showFailure(err: unknown): void {
    noteAuthFailure(err);
    if (err instanceof ApiError && err.code === 'stale_version') {
      const v = staleVersion(err.details);
      const reload = h('button', { type: 'button', class: 'button', 'data-testid': 'edit-reload' }, t('edit.reload'));
      reload.addEventListener('click', () => this.options.onReload());
      this.message.show('error', h('p', null, v === null ? t('edit.staleUnknown') : t('edit.stale', { v: String(v) })), reload);
      return;
    }
    if (err instanceof ApiError && err.status === 422) {
      const fields = refusedFields(err.details);
      if (fields.length > 0) {
        for (const name of fields) this.form.markInvalid(name, describeError(err));
        const list = new Intl.ListFormat(locale(), { type: 'conjunction' }).format(fields.map(fieldLabel));
        this.message.show('error', t('edit.invalidFields', { fields: list }));
        return;
      }
    }
    this.message.show('error', t('edit.failed', { message: describeError(err) }));
  }

  private setBusy(busy: boolean): void {
    this.busy = busy;
    this.save.disabled = busy;
    this.save.textContent = busy ? t('edit.saving') : t('edit.save');
    this.form.el.setAttribute('aria-busy', String(busy));
  }
}
