import type { Claim } from '../api/ownership.types.ts';
import { t, tEnum } from '../i18n/i18n.ts';
import { formatActor } from '../i18n/actor.format.ts';
import { formatShanghai } from '../i18n/time.format.ts';
import type { Owners } from '../map/owner.colours.ts';
import { bdi, h, type Child } from '../ui/dom.builder.ts';
import { photoStrip } from './photo.strip.ts';

export interface ClaimCardOptions {
  /** buttons under the claim (Accept / Reject, Withdraw, Zoom to) */
  actions?: Child[];
  /** name the pole in the heading (lists of many poles); the pole panel leaves it out */
  showPole?: boolean;
}

function decisionLine(claim: Claim): HTMLElement | null {
  if (claim.status !== 'accepted' && claim.status !== 'rejected') return null;
  return h(
    'p',
    { class: 'claim-decision' },
    t('claim.decidedBy', { who: claim.decided_by ? formatActor(claim.decided_by) : '—', at: formatShanghai(claim.decided_at) ?? '' }),
    claim.decision_reason ? h('span', { class: 'claim-reason' }, t('claim.reason'), bdi(claim.decision_reason)) : null,
  );
}

/** One claim or disclaim: who, what, the evidence and photos, and any decision with its reason. */
export function claimCard(claim: Claim, owners: Owners, options: ClaimCardOptions = {}): HTMLElement {
  const actions = options.actions?.filter(Boolean) ?? [];
  return h(
    'article',
    { class: `claim-card claim-${claim.status}`, 'data-testid': 'claim-card', 'data-claim-id': claim.id, 'data-status': claim.status },
    h(
      'header',
      { class: 'claim-head' },
      options.showPole ? h('span', { class: 'claim-pole' }, bdi(claim.pole_code)) : null,
      h('span', { class: 'claim-org' }, bdi(owners.name(claim.org_code))),
      h('span', { class: `chip chip-claim-kind-${claim.kind}` }, tEnum('claim.kind', claim.kind)),
      h('span', { class: `chip chip-claim-${claim.status}` }, tEnum('claim.status', claim.status)),
    ),
    h('p', { class: 'claim-meta' }, t('claim.filedBy', { who: formatActor(claim.created_by), at: formatShanghai(claim.created_at) ?? '' })),
    h('p', { class: 'claim-evidence' }, bdi(claim.evidence_text)),
    photoStrip(claim.photos, 'claim-thumb'),
    decisionLine(claim),
    actions.length > 0 ? h('div', { class: 'claim-actions' }, ...actions) : null,
  );
}
