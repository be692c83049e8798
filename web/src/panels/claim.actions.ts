import { decideClaim, withdrawClaim } from '../api/claims.api.ts';
import type { Claim, Responsibility } from '../api/ownership.types.ts';
import { createNotices } from '../api/ownership.api.ts';
import { noteAuthFailure } from '../auth/session.actions.ts';
import { t } from '../i18n/i18n.ts';
import { formatShanghai } from '../i18n/time.format.ts';
import type { Owners } from '../map/owner.colours.ts';
import type { Loadable } from '../state/loadable.ts';
import { currentUser } from '../state/session.store.ts';
import { confirmDialog } from '../ui/confirm.dialog.ts';
import { h } from '../ui/dom.builder.ts';
import { describeError } from '../ui/error.describe.ts';
import { reasonDialog } from '../ui/reason.dialog.ts';
import { claimCard } from './claim.card.ts';
import type { PanelPole } from './pole.fields.ts';

/** The server's minimum for a decision's reason. */
const MIN_REASON = 2;

export interface ClaimActionsOptions {
  owners: Owners;
  /**
   * The action went through; the sentence says what happened. Sentences are functions so
   * that a language switch re-words one already showing.
   */
  onDone: (message: () => string) => void;
  onError: (message: () => string) => void;
}

/** What can be done with a pole's claims: decide (officers), withdraw (the claiming firm), notice. */
export class ClaimActions {
  constructor(private readonly options: ClaimActionsOptions) {}

  /** Open claims first, each with its buttons; decided ones below, folded away. */
  list(pole: PanelPole, claims: readonly Claim[], decide: boolean): HTMLElement {
    const open = claims.filter((c) => c.status === 'open');
    const closed = claims.filter((c) => c.status !== 'open');
    const card = (c: Claim): HTMLElement => claimCard(c, this.options.owners, { actions: this.buttons(pole, c, decide) });
    return h(
      'div',
      { class: 'claims' },
      open.length === 0 ? h('p', { class: 'hint' }, t('claim.noneOpen')) : null,
      open.length > 1 ? h('p', { class: 'claim-dispute', role: 'note' }, t('claim.disputeNote', { n: open.length })) : null,
      ...open.map(card),
      closed.length > 0
        ? h('details', { class: 'claims-closed' }, h('summary', null, t('claim.closedCount', { n: closed.length })), ...closed.map(card))
        : null,
    );
  }

  noticeButton(pole: PanelPole, responsibility: Loadable<Responsibility>): HTMLElement | null {
    // Only orphan poles are put under notice, and never twice at once.
    if (pole.ownership_status !== 'unknown') return null;
    if (responsibility.state === 'ready' && responsibility.value.notice?.status === 'active') return null;
    const button = h('button', { type: 'button', class: 'button', 'data-testid': 'notice-open' }, t('notice.open'));
    button.addEventListener('click', () => void this.notice(pole));
    return button;
  }

  private buttons(pole: PanelPole, claim: Claim, decide: boolean): HTMLElement[] {
    if (claim.status !== 'open') return [];
    if (decide) {
      return [
        this.button(t('claim.accept'), 'claim-accept', 'button button-primary', () => void this.decide(pole, claim, 'accept')),
        this.button(t('claim.reject'), 'claim-reject', 'button button-danger', () => void this.decide(pole, claim, 'reject')),
      ];
    }
    if (currentUser()?.org === claim.org_code) {
      return [this.button(t('claim.withdraw'), 'claim-withdraw', 'button', () => void this.withdraw(pole, claim))];
    }
    return [];
  }

  private button(label: string, testid: string, cls: string, onClick: () => void): HTMLElement {
    const button = h('button', { type: 'button', class: `${cls} button-small`, 'data-testid': testid }, label);
    button.addEventListener('click', onClick);
    return button;
  }

  private async decide(pole: PanelPole, claim: Claim, decision: 'accept' | 'reject'): Promise<void> {
    const org = this.options.owners.name(claim.org_code);
    const accept = decision === 'accept';
    const what = claim.kind === 'claim' ? t('claim.kindClaimOf', { org, code: pole.code }) : t('claim.kindDisclaimOf', { org, code: pole.code });
    const decided = await reasonDialog({
      title: accept ? t('claim.acceptTitle') : t('claim.rejectTitle'),
      intro: what,
      label: t('claim.reasonLabel'),
      hint: t('claim.reasonHint'),
      confirmLabel: accept ? t('claim.accept') : t('claim.reject'),
      danger: !accept,
      minLength: MIN_REASON,
      tooShort: t('claim.reasonTooShort', { n: MIN_REASON }),
      submit: async (reason) => {
        try {
          await decideClaim(claim.id, decision, reason);
        } catch (err) {
          noteAuthFailure(err);
          throw err;
        }
      },
    });
    if (decided) this.options.onDone(() => (accept ? t('claim.accepted', { org: this.options.owners.name(claim.org_code) }) : t('claim.rejected', { org: this.options.owners.name(claim.org_code) })));
  }

  private async withdraw(pole: PanelPole, claim: Claim): Promise<void> {
    const ok = await confirmDialog(t('claim.withdrawTitle'), t('claim.withdrawText', { code: pole.code }), t('claim.withdraw'));
    if (!ok) return;
    try {
      await withdrawClaim(claim.id);
      this.options.onDone(() => t('claim.withdrawn'));
    } catch (err) {
      noteAuthFailure(err);
      this.options.onError(() => t('claim.actionFailed', { message: describeError(err) }));
    }
  }

  private async notice(pole: PanelPole): Promise<void> {
    const ok = await confirmDialog(t('notice.title'), t('notice.text', { code: pole.code }), t('notice.confirm'));
    if (!ok) return;
    try {
      const result = await createNotices({ pole_ids: [pole.id] });
      const notice = result.notices[0];
      if (result.created === 0 || !notice) this.options.onError(() => t('notice.skipped'));
      else this.options.onDone(() => t('notice.created', { date: formatShanghai(notice.ends_at) ?? notice.ends_at }));
    } catch (err) {
      noteAuthFailure(err);
      this.options.onError(() => t('notice.failed', { message: describeError(err) }));
    }
  }
}
