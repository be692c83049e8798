import { isAbortError } from '../api/api.error.ts';
import { fetchAttachments } from '../api/ownership.api.ts';
import { fetchPoleRemoval, fetchRemoval, verifyRemoval, voidRemoval } from '../api/removals.api.ts';
import type { Removal } from '../api/removals.types.ts';
import { noteAuthFailure } from '../auth/session.actions.ts';
import { t, tEnum } from '../i18n/i18n.ts';
import { shanghaiDay } from '../i18n/time.format.ts';
import type { Owners } from '../map/owner.colours.ts';
import type { Loadable } from '../state/loadable.ts';
import { currentUser } from '../state/session.store.ts';
import { h, replaceChildren } from '../ui/dom.builder.ts';
import { describeError } from '../ui/error.describe.ts';
import { formMessage } from '../ui/form.field.ts';
import { reasonDialog } from '../ui/reason.dialog.ts';
import type { PanelPole } from './pole.fields.ts';
import { removalCard } from './removal.card.ts';
import { RemovalForm } from './removal.form.ts';

/** The server's minimum for a void reason. */
const MIN_REASON = 2;

export interface RemovalSectionOptions {
  owners: Owners;
  /** a removal was recorded, verified or voided: reload the pole, the map and the removed layer */
  onChanged: () => void;
}

const isCity = (): boolean => {
  const role = currentUser()?.role;
  return role === 'officer' || role === 'admin';
};

/**
 * The pole panel's removal part. On a standing pole: 「登记拔除」 for whoever may record it
 * (officers and admins; a carrier on a pole its firm owns or has live cables on). On a
 * removed pole: the removal record with its photos, and for officers Verify and Void.
 */
export class RemovalSection {
  /** stable: the form inside keeps what was typed across panel re-renders */
  readonly el = h('section', { class: 'removal-section', 'data-testid': 'removal-section' });
  private pole: PanelPole | null = null;
  private userId: number | null = null;
  private signal: AbortSignal | null = null;
  /** the record behind a removed pole (or the one just voided); null = not looked up */
  private record: Loadable<Removal | null> | null = null;
  /** carriers only: whether their firm's cables are still on the pole */
  private attached = false;
  private form: RemovalForm | null = null;
  private busy = false;
  private readonly message = formMessage();
  /** the last action's outcome, re-worded on a language switch */
  private outcome: { kind: 'ok' | 'error'; text: () => string } | null = null;

  constructor(private readonly options: RemovalSectionOptions) {}

  /** Starts loading for `pole` (list properties only); the panel's controller cancels it. */
  async load(pole: PanelPole, signal: AbortSignal): Promise<void> {
    const user = currentUser();
    const samePole = this.pole?.id === pole.id && this.userId === (user?.id ?? null);
    this.pole = pole;
    this.userId = user?.id ?? null;
    this.signal = signal;
    if (!samePole) {
      this.form = null;
      this.outcome = null;
      this.record = null;
      this.attached = false;
    }
    this.render();
    // A carrier may also record poles it does not own but still has cables on.
    if (user?.role !== 'carrier' || !user.org || pole.status === 'removed') return;
    try {
      const items = await fetchAttachments(pole.id, signal);
      this.attached = items.some((a) => a.org_code === user.org && a.status === 'active');
    } catch (error) {
      if (isAbortError(error)) return;
      this.attached = false;
    }
    if (!signal.aborted) this.render();
  }

  /** The panel got the pole's detail: a removed pole's record can be looked up now. */
  update(pole: PanelPole): void {
    this.pole = pole;
    const known = this.record?.state === 'ready' && this.record.value?.pole_id === pole.id && this.record.value.status !== 'voided';
    if (pole.status === 'removed' && currentUser() && !known) void this.lookUp(pole);
    this.render();
  }

  relabel(): void {
    this.render();
  }

  private async lookUp(pole: PanelPole): Promise<void> {
    const signal = this.signal;
    this.record = { state: 'loading' };
    try {
      const found = await fetchPoleRemoval(pole.id, shanghaiDay(pole.removed_at ?? new Date()), signal ?? undefined);
      if (this.pole?.id === pole.id) this.record = { state: 'ready', value: found };
    } catch (error) {
      if (isAbortError(error)) return;
      noteAuthFailure(error);
      if (this.pole?.id === pole.id) this.record = { state: 'failed', error };
    }
    if (!signal?.aborted) this.render();
  }

  /** Who may record that this standing pole was pulled; the server checks again. */
  private mayRecord(pole: PanelPole): boolean {
    const user = currentUser();
    if (!user || pole.status === 'removed' || !pole.permissions) return false;
    if (isCity()) return true;
    return user.role === 'carrier' && (pole.permissions.edit || this.attached);
  }

  private render(): void {
    const pole = this.pole;
    if (!pole) return;
    if (this.outcome) this.message.show(this.outcome.kind, this.outcome.text());
    else this.message.clear();
    const record = this.recordPart(pole);
    const action = this.form ? this.form.el : this.mayRecord(pole) ? this.openButton(pole) : null;
    if (!record && !action && !this.outcome) return replaceChildren(this.el);
    replaceChildren(this.el, h('h3', null, t('removal.title')), this.message.el, record, action);
  }

  private recordPart(pole: PanelPole): HTMLElement | null {
    const state = this.record;
    if (!state) return null;
    if (state.state === 'loading') return h('p', { class: 'hint' }, t('removal.loading'));
    if (state.state === 'failed') return h('p', { class: 'panel-error' }, t('removal.loadFailed', { message: describeError(state.error) }));
    const removal = state.value;
    if (!removal || removal.pole_id !== pole.id) return pole.status === 'removed' ? h('p', { class: 'hint' }, t('removal.notFound')) : null;
    return removalCard(removal, this.options.owners, this.buttons(pole, removal));
  }

  private buttons(pole: PanelPole, removal: Removal): HTMLElement[] {
    if (!isCity() || removal.status === 'voided') return [];
    const buttons: HTMLElement[] = [];
    if (removal.status === 'recorded') {
      buttons.push(this.button(t('removal.verify'), 'removal-verify', 'button button-primary', () => void this.verify(removal)));
    }
    buttons.push(this.button(t('removal.void'), 'removal-void', 'button button-danger', () => void this.void(pole, removal)));
    return buttons;
  }

  private button(label: string, testid: string, cls: string, onClick: () => void): HTMLElement {
    const button = h('button', { type: 'button', class: `${cls} button-small`, 'data-testid': testid, disabled: this.busy }, label);
    button.addEventListener('click', onClick);
    return button;
  }

  private openButton(pole: PanelPole): HTMLElement {
    const button = h('button', { type: 'button', class: 'button', 'data-testid': 'removal-open' }, t('removal.open'));
    button.addEventListener('click', () => {
      this.outcome = null;
      this.form = new RemovalForm({
        poleId: pole.id,
        poleCode: pole.code,
        owners: this.options.owners,
        onRecorded: (removal) => void this.recorded(removal),
        onCancel: () => {
          this.form = null;
          this.render();
        },
      });
      this.render();
      this.form.focus();
    });
    return h('div', { class: 'form-actions' }, button);
  }

  /** The record as filed lacks the photos sent after it: read it back, or show it without them. */
  private async recorded(removal: Removal): Promise<void> {
    let complete = removal;
    try {
      complete = await fetchRemoval(removal.id);
    } catch (err) {
      noteAuthFailure(err);
    }
    this.done(complete, () => t('removal.recorded'));
  }

  private async verify(removal: Removal): Promise<void> {
    this.busy = true;
    this.render();
    try {
      this.done(await verifyRemoval(removal.id), () => t('removal.verified'));
    } catch (err) {
      noteAuthFailure(err);
      this.outcome = { kind: 'error', text: () => t('removal.actionFailed', { message: describeError(err) }) };
    } finally {
      this.busy = false;
      this.render();
    }
  }

  private async void(pole: PanelPole, removal: Removal): Promise<void> {
    // Filled by the dialog's submit; the dialog itself only says whether it went through.
    const result: { voided: Removal | null } = { voided: null };
    const ok = await reasonDialog({
      title: t('removal.voidTitle'),
      intro: t('removal.voidIntro', { code: pole.code, status: tEnum('status', removal.previous_status) }),
      label: t('removal.voidReasonLabel'),
      hint: t('removal.voidReasonHint'),
      confirmLabel: t('removal.void'),
      danger: true,
      minLength: MIN_REASON,
      tooShort: t('removal.voidReasonTooShort', { n: MIN_REASON }),
      submit: async (reason) => {
        try {
          result.voided = await voidRemoval(removal.id, reason);
        } catch (err) {
          noteAuthFailure(err);
          throw err;
        }
      },
    });
    if (ok && result.voided) this.done(result.voided, () => t('removal.voided', { status: tEnum('status', removal.previous_status) }));
  }

  private done(removal: Removal, text: () => string): void {
    this.form = null;
    this.record = { state: 'ready', value: removal };
    this.outcome = { kind: 'ok', text };
    this.render();
    this.options.onChanged();
  }
}
