import { fetchClaims } from '../api/claims.api.ts';
import type { Claim } from '../api/ownership.types.ts';
import type { PoleNavigator } from '../app/pole.navigator.ts';
import { t } from '../i18n/i18n.ts';
import type { Owners } from '../map/owner.colours.ts';
import { claimCard } from '../panels/claim.card.ts';
import { h, type Child } from '../ui/dom.builder.ts';
import { LoadedView } from './loaded.view.ts';
import { zoomButton } from './zoom.button.ts';

const CLAIMS_LIMIT = 200;

/** A carrier's own claims (the server shows no other firm's), newest first, with the officer's reason. */
export class PortalClaims extends LoadedView<Claim[]> {
  constructor(
    private readonly owners: Owners,
    private readonly navigator: PoleNavigator,
  ) {
    super();
  }

  protected fetch(signal: AbortSignal): Promise<Claim[]> {
    return fetchClaims({ limit: CLAIMS_LIMIT }, signal);
  }

  protected renderValue(claims: Claim[]): Child[] {
    if (claims.length === 0) return [h('p', { class: 'hint work-empty' }, t('portal.claimsEmpty'))];
    const sorted = [...claims].sort((a, b) => b.created_at.localeCompare(a.created_at));
    const open = claims.filter((c) => c.status === 'open').length;
    return [
      h('p', { class: 'work-count' }, t('portal.claimsCount', { n: claims.length, open })),
      h(
        'div',
        { class: 'work-cards', 'data-testid': 'portal-claims' },
        ...sorted.map((c) =>
          claimCard(c, this.owners, { showPole: true, actions: [zoomButton(() => this.navigator.goTo(c.pole_id), t('work.zoomLabel', { code: c.pole_code }))] }),
        ),
      ),
    ];
  }
}
