import type { CasePhoto } from '../api/evidence.api.ts';
import { formatNumber, lang, t, tEnum } from '../i18n/i18n.ts';
import { formatActor } from '../i18n/actor.format.ts';
import { formatShanghai } from '../i18n/time.format.ts';
import { bdi, h } from '../ui/dom.builder.ts';

/**
 * Whether the server could tie the photo to the place and the time of the case, in words:
 * an unverified photo is still evidence, but whoever reads the file must see why it is weaker.
 */
export function photoVerdict(photo: CasePhoto): HTMLElement {
  if (photo.verified) return h('span', { class: 'chip photo-verified', 'data-testid': 'photo-badge', 'data-verified': 'true' }, t('photo.verified'));
  const separator = lang() === 'zh' ? '；' : '; ';
  const why = photo.flags.map((f) => tEnum('case.flag', f)).join(separator);
  return h(
    'span',
    { class: 'chip photo-unverified', 'data-testid': 'photo-badge', 'data-verified': 'false' },
    why ? t('photo.unverifiedWhy', { flags: why }) : t('photo.unverified'),
  );
}

function photoFacts(photo: CasePhoto): string {
  const facts = [
    tEnum('case.purpose', photo.purpose),
    photo.taken_at ? t('photo.taken', { at: formatShanghai(photo.taken_at) ?? photo.taken_at }) : null,
    photo.distance_m !== null ? t('photo.distance', { m: formatNumber(Math.round(photo.distance_m)) }) : null,
    t('photo.by', { by: formatActor(photo.created_by) }),
  ];
  return facts.filter((f): f is string => f !== null).join(' · ');
}

/** Thumbnails that open the original, each with its purpose, verification and facts. */
export function casePhotos(photos: readonly CasePhoto[]): HTMLElement {
  if (photos.length === 0) return h('p', { class: 'hint' }, t('casePanel.photosEmpty'));
  return h(
    'ul',
    { class: 'case-photos', 'data-testid': 'case-photos' },
    ...photos.map((photo, i) =>
      h(
        'li',
        { class: 'case-photo', 'data-photo-id': photo.id, 'data-purpose': photo.purpose },
        h(
          'a',
          { href: photo.url, target: '_blank', rel: 'noopener', title: t('photo.open') },
          h('img', { src: photo.thumb_url, alt: t('photo.alt', { n: i + 1 }), loading: 'lazy', class: 'case-thumb', 'data-testid': 'case-thumb' }),
        ),
        h('div', { class: 'case-photo-text' }, photoVerdict(photo), h('p', { class: 'hint' }, photoFacts(photo)), photo.note ? h('p', null, bdi(photo.note)) : null),
      ),
    ),
  );
}
