import { isAbortError } from '../api/api.error.ts';
import { fetchClaims } from '../api/claims.api.ts';
import type { Attachment, Claim, ClaimKind, Responsibility } from '../api/ownership.types.ts';
import { fetchAttachments, fetchResponsibility } from '../api/ownership.api.ts';
import { t } from '../i18n/i18n.ts';
import type { Owners } from '../map/owner.colours.ts';
import type { Loadable } from '../state/loadable.ts';
import { currentUser } from '../state/session.store.ts';
import { h, replaceChildren } from '../ui/dom.builder.ts';
import { describeError } from '../ui/error.describe.ts';
import { formMessage } from '../ui/form.field.ts';
import { AttachmentForm } from './attachment.form.ts';
import { attachmentsView } from './attachments.view.ts';
import { ClaimActions } from './claim.actions.ts';
import { ClaimForm } from './claim.form.ts';
import type { PanelPole } from './pole.fields.ts';
import { responsibilityView } from './responsibility.view.ts';

export interface OwnershipSectionOptions {
  owners: Owners;
  /** a claim, decision, withdrawal or notice went through: reload the pole and the map */
  onChanged: () => void;
}

/**
 * The pole panel's ownership part: who is responsible, whose cables hang on it, and the
 * claims — with the actions the server allows this person (carriers claim or disclaim,
 * officers decide and put orphan poles under public notice).
 */
export class OwnershipSection {
  /** stable: the claim form inside keeps what was typed across panel re-renders */
  readonly el = h('section', { class: 'ownership-section', 'data-testid': 'ownership-section' });
  private pole: PanelPole | null = null;
  /** whose view this is: a different person starts with a clean slate */
  private userId: number | null = null;
  private responsibility: Loadable<Responsibility> = { state: 'loading' };
  private attachments: Loadable<Attachment[]> = { state: 'loading' };
  /** null: this person sees no claims (anonymous, planners, viewers) */
  private claims: Loadable<Claim[]> | null = null;
  private form: ClaimForm | null = null;
  /** kept per pole: it remembers what was just declared */
  private attachForm: AttachmentForm | null = null;
  private readonly message = formMessage();
  /** the last action's outcome, re-worded on a language switch */
  private outcome: { kind: 'ok' | 'error'; text: () => string } | null = null;
  private readonly actions: ClaimActions;

  constructor(private readonly options: OwnershipSectionOptions) {
    this.actions = new ClaimActions({
      owners: options.owners,
      onDone: (text) => this.done(text),
      onError: (text) => this.say('error', text),
    });
  }

  /** Loads everything for `pole`; the panel's controller cancels it when the pole changes. */
  async load(pole: PanelPole, signal: AbortSignal): Promise<void> {
    const user = currentUser()?.id ?? null;
    const samePole = this.pole?.id === pole.id && this.userId === user;
    this.pole = pole;
    this.userId = user;
    if (!samePole) {
      this.form = null;
      this.attachForm = this.worksOnOwnership() ? this.newAttachForm(pole.id) : null;
      this.outcome = null;
      this.responsibility = { state: 'loading' };
      this.attachments = { state: 'loading' };
    }
    this.claims = this.worksOnOwnership() ? (samePole && this.claims ? this.claims : { state: 'loading' }) : null;
    this.render();
    // Not loadInto: a reload after an action keeps the previous answer on screen (no
    // "loading" flash) until the new one arrives.
    const track = <T>(fetcher: Promise<T>, set: (s: Loadable<T>) => void): Promise<void> =>
      fetcher.then(
        (value) => set({ state: 'ready', value }),
        (error: unknown) => {
          if (!isAbortError(error)) set({ state: 'failed', error });
        },
      );
    await Promise.all([
      track(fetchResponsibility(pole.id, signal), (s) => (this.responsibility = s)),
      track(fetchAttachments(pole.id, signal), (s) => (this.attachments = s)),
      this.claims ? track(fetchClaims({ pole_id: pole.id, limit: 50 }, signal), (s) => (this.claims = s)) : null,
    ]);
    if (!signal.aborted) this.render();
  }

  private newAttachForm(poleId: number): AttachmentForm {
    return new AttachmentForm({
      poleId,
      owners: this.options.owners,
      current: () => (this.attachments.state === 'ready' ? this.attachments.value : []),
      onSaved: () => this.options.onChanged(),
    });
  }

  /** The panel got the pole's detail (with permissions): the offered actions may change. */
  update(pole: PanelPole): void {
    this.pole = pole;
    this.render();
  }

  /** Re-renders in the current language; an open claim form keeps what was typed. */
  relabel(): void {
    this.attachForm?.render();
    this.render();
  }

  /**
   * Officers and carriers see claims and declare cables; the server narrows a carrier's
   * answers to its own firm. Known before the pole's permissions arrive, so the claims load
   * alongside everything else.
   */
  private worksOnOwnership(): boolean {
    const role = currentUser()?.role;
    return role === 'officer' || role === 'admin' || role === 'carrier';
  }

  private done(text: () => string): void {
    this.form = null;
    this.say('ok', text);
    this.options.onChanged();
  }

  private say(kind: 'ok' | 'error', text: () => string): void {
    this.outcome = { kind, text };
    this.message.show(kind, text());
  }

  private render(): void {
    const pole = this.pole;
    if (!pole) return;
    if (this.outcome) this.message.show(this.outcome.kind, this.outcome.text());
    else this.message.clear();
    replaceChildren(
      this.el,
      h('h3', null, t('resp.title')),
      this.body(this.responsibility, (r) => responsibilityView(r), 'resp.failed'),
      h('h3', null, t('attach.title')),
      this.body(this.attachments, (items) => attachmentsView(items, this.options.owners), 'attach.failed'),
      pole.status === 'removed' ? null : (this.attachForm?.el ?? null),
      this.claimsPart(pole),
    );
  }

  private body<T>(state: Loadable<T>, view: (value: T) => HTMLElement, failedKey: 'resp.failed' | 'attach.failed' | 'claim.listFailed'): HTMLElement {
    if (state.state === 'loading') return h('p', { class: 'hint' }, t('panel.loading'));
    if (state.state === 'failed') return h('p', { class: 'panel-error' }, t(failedKey, { message: describeError(state.error) }));
    return view(state.value);
  }

  private claimsPart(pole: PanelPole): DocumentFragment | null {
    const claimKind = this.claimKind(pole);
    const decide = pole.permissions?.decide === true;
    if (!this.claims && !claimKind && !decide) return null;
    const fragment = document.createDocumentFragment();
    fragment.append(h('h3', null, t('claim.title')), this.message.el);
    if (this.claims) fragment.append(this.body(this.claims, (items) => this.actions.list(pole, items, decide), 'claim.listFailed'));
    if (this.form) {
      fragment.append(this.form.el);
      return fragment;
    }
    const buttons = [claimKind ? this.claimButton(pole, claimKind) : null, decide ? this.actions.noticeButton(pole, this.responsibility) : null].filter(
      (b): b is HTMLElement => b !== null,
    );
    if (buttons.length > 0) fragment.append(h('div', { class: 'form-actions ownership-buttons' }, ...buttons));
    return fragment;
  }

  /** Claim or disclaim, if the server lets this carrier and it has no open claim here yet. */
  private claimKind(pole: PanelPole): ClaimKind | null {
    const user = currentUser();
    if (!user || pole.permissions?.claim !== true) return null;
    if (this.claims?.state === 'ready' && this.claims.value.some((c) => c.status === 'open' && c.org_code === user.org)) return null;
    return pole.owner_code !== null && pole.owner_code === user.org ? 'disclaim' : 'claim';
  }

  private claimButton(pole: PanelPole, kind: ClaimKind): HTMLElement {
    const label = kind === 'claim' ? t('claim.open') : t('claim.openDisclaim');
    const button = h('button', { type: 'button', class: 'button button-primary', 'data-testid': `claim-open-${kind}` }, label);
    button.addEventListener('click', () => {
      this.outcome = null;
      this.form = new ClaimForm({
        poleId: pole.id,
        poleCode: pole.code,
        kind,
        onFiled: () => this.done(() => (kind === 'claim' ? t('claim.filed') : t('claim.disclaimFiled'))),
        onCancel: () => {
          this.form = null;
          this.render();
        },
      });
      this.render();
      this.form.focus();
    });
    return button;
  }
}
