import type { Removal } from '../api/removals.types.ts';
import { formatDay } from '../campaign/figures.format.ts';
import { t, tEnum } from '../i18n/i18n.ts';
import { formatActor } from '../i18n/actor.format.ts';
import { formatShanghai } from '../i18n/time.format.ts';
import type { Owners } from '../map/owner.colours.ts';
import { bdi, h, type Child } from '../ui/dom.builder.ts';
import { photoStrip } from './photo.strip.ts';

function row(label: string, ...value: Child[]): HTMLElement {
  return h('div', { class: 'field' }, h('dt', null, label), h('dd', null, ...value));
}

/** "officer, 2026-05-03 14:07": who did a step and when (Beijing time). */
function byAt(who: string | null, at: string | null): Child[] {
  return [bdi(who ? formatActor(who) : t('panel.none')), at ? `, ${formatShanghai(at) ?? at}` : null];
}

/**
 * One removal record as the pole panel shows it: when and by whom the pole was pulled, who
 * recorded and verified it, the note and the photos, and for a voided record who voided it
 * and why (voided records are kept: a correction, never a delete).
 */
export function removalCard(removal: Removal, owners: Owners, actions: HTMLElement[] = []): HTMLElement {
  return h(
    'article',
    { class: `removal-card removal-${removal.status}`, 'data-testid': 'removal-card', 'data-removal-id': removal.id, 'data-status': removal.status },
    h(
      'header',
      { class: 'claim-head' },
      h('span', { class: 'removal-title' }, t('removal.record')),
      h('span', { class: `chip chip-removal-${removal.status}`, 'data-testid': 'removal-status' }, tEnum('removal.status', removal.status)),
    ),
    h(
      'dl',
      { class: 'pole-fields removal-fields' },
      row(t('removal.removedOn'), formatDay(removal.removed_on)),
      row(t('removal.org'), bdi(owners.name(removal.org_code))),
      row(t('removal.recordedBy'), ...byAt(removal.recorded_by, removal.recorded_at)),
      removal.verified_by ? row(t('removal.verifiedBy'), ...byAt(removal.verified_by, removal.verified_at)) : null,
      removal.status === 'voided' ? row(t('removal.voidedBy'), bdi(removal.voided_by ? formatActor(removal.voided_by) : t('panel.none'))) : null,
      removal.void_reason ? row(t('removal.voidReason'), bdi(removal.void_reason)) : null,
      removal.note ? row(t('removal.note'), bdi(removal.note)) : null,
    ),
    photoStrip(removal.photos, 'removal-thumb'),
    actions.length > 0 ? h('div', { class: 'claim-actions' }, ...actions) : null,
  );
}
