import { t } from '../i18n/i18n.ts';
import { h } from '../ui/dom.builder.ts';

/** What a strip needs of a stored photo (claims and removals share the shape). */
export interface StoredPhoto {
  /** same origin; the browser sends the session cookie with it */
  url: string;
}

/**
 * Thumbnails that open the full photo. Plain same-origin URLs: the browser sends the session
 * cookie with them, so no token ever goes into the page.
 */
export function photoStrip(photos: readonly StoredPhoto[], testId: string): HTMLElement | null {
  if (photos.length === 0) return null;
  return h(
    'ul',
    { class: 'claim-photos' },
    ...photos.map((photo, i) =>
      h(
        'li',
        null,
        h(
          'a',
          { href: photo.url, target: '_blank', rel: 'noopener', title: t('photo.open') },
          h('img', { src: photo.url, alt: t('photo.alt', { n: i + 1 }), loading: 'lazy', class: 'claim-thumb', 'data-testid': testId }),
        ),
      ),
    ),
  );
}
