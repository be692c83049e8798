import { fetchClaims } from '../api/claims.api.ts';
import type { Claim } from '../api/ownership.types.ts';
import type { PoleNavigator } from '../app/pole.navigator.ts';
import { t, tEnum } from '../i18n/i18n.ts';
import { formatShanghai } from '../i18n/time.format.ts';
import type { Owners } from '../map/owner.colours.ts';
import { bdi, h, type Child } from '../ui/dom.builder.ts';
import { LoadedView } from './loaded.view.ts';
import { itemHead, zoomButton } from './zoom.button.ts';

/** Enough for a district's backlog; the count line says when there are more. */
const QUEUE_LIMIT = 500;

interface PoleClaims {
  poleId: number;
  code: string;
  status: string;
  claims: Claim[];
}

/** Disputed poles first (two firms want it), then whoever has waited longest. */
export function groupByPole(claims: readonly Claim[]): PoleClaims[] {
  const groups = new Map<number, PoleClaims>();
  for (const claim of claims) {
    const group = groups.get(claim.pole_id) ?? { poleId: claim.pole_id, code: claim.pole_code, status: claim.pole_ownership_status, claims: [] };
    group.claims.push(claim);
    groups.set(claim.pole_id, group);
  }
  const oldest = (g: PoleClaims): string => g.claims.reduce((min, c) => (c.created_at < min ? c.created_at : min), g.claims[0]?.created_at ?? '');
  return [...groups.values()].sort((a, b) => {
    const disputed = Number(b.claims.length > 1) - Number(a.claims.length > 1);
    return disputed !== 0 ? disputed : oldest(a).localeCompare(oldest(b));
  });
}

/** The officers' queue: every open claim, one card per pole, each a click away on the map. */
export class ClaimsQueue extends LoadedView<Claim[]> {
  constructor(
    private readonly owners: Owners,
    private readonly navigator: PoleNavigator,
  ) {
    super();
  }

  protected fetch(signal: AbortSignal): Promise<Claim[]> {
    return fetchClaims({ status: 'open', limit: QUEUE_LIMIT }, signal);
  }

  protected renderValue(claims: Claim[]): Child[] {
    if (claims.length === 0) return [h('p', { class: 'hint work-empty' }, t('queue.empty'))];
    const groups = groupByPole(claims);
    const disputed = groups.filter((g) => g.claims.length > 1).length;
    return [
      h('p', { class: 'work-count' }, t('queue.count', { claims: claims.length, poles: groups.length, disputed })),
      claims.length >= QUEUE_LIMIT ? h('p', { class: 'hint' }, t('work.capped')) : null,
      h('ul', { class: 'work-list', 'data-testid': 'queue-list' }, ...groups.map((g) => this.item(g))),
    ];
  }

  private item(group: PoleClaims): HTMLElement {
    const isDisputed = group.claims.length > 1;
    return h(
      'li',
      { class: `work-item${isDisputed ? ' work-item-disputed' : ''}`, 'data-testid': 'queue-item', 'data-pole-id': group.poleId },
      itemHead(
        zoomButton(() => this.navigator.goTo(group.poleId), t('work.zoomLabel', { code: group.code })),
        h('span', { class: 'work-item-code' }, bdi(group.code)),
        isDisputed
          ? h('span', { class: 'chip chip-ownership-disputed' }, t('queue.disputed', { n: group.claims.length }))
          : h('span', { class: `chip chip-ownership-${group.status}` }, tEnum('ownership', group.status)),
      ),
      h(
        'ul',
        { class: 'work-sublist' },
        ...group.claims.map((c) =>
          h(
            'li',
            null,
            bdi(this.owners.name(c.org_code)),
            ' · ',
            tEnum('claim.kind', c.kind),
            ' · ',
            formatShanghai(c.created_at) ?? '',
            c.photos.length > 0 ? h('span', { class: 'hint' }, ' · ', t('queue.photos', { n: c.photos.length })) : null,
          ),
        ),
      ),
    );
  }
}
