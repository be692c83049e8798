import type { SessionUser } from '../api/auth.types.ts';
import { t } from '../i18n/i18n.ts';
import { h, svg } from '../ui/dom.builder.ts';
import { planningRights } from '../planning/planning.rights.ts';
import { PAGE_LINKS, type CampaignPage } from './page.nav.ts';

type LinkedPage = CampaignPage | 'planning';

const ICONS: Partial<Record<LinkedPage, string>> = {
  dashboard: 'M5 20V11M12 20V5M19 20v-6',
  progress: 'M3 18l6-6 4 4 8-9M15 7h6v6',
  // A route through three points, as drawn on the planning map.
  planning: 'M4 19l6-9 5 5 5-11M4 19h0M10 10h0M15 15h0M20 4h0',
};

/** Bars for the dashboard, a rising line for public progress, a route for planning: the link's only face on a phone. */
function icon(page: LinkedPage): SVGSVGElement {
  const shape = svg('path', { d: ICONS[page] ?? '', fill: 'none', stroke: 'currentColor', 'stroke-width': page === 'dashboard' ? 2.5 : 2, 'stroke-linecap': 'round', 'stroke-linejoin': 'round' });
  return svg('svg', { width: 20, height: 20, viewBox: '0 0 24 24', 'aria-hidden': 'true', focusable: 'false' }, shape);
}


/**
 * The map header's links to the figures pages: the public progress page for everyone, the
 * dashboard once signed in (it shows nothing to anyone else), and burial planning for those
 * who plan. Icon and words on a desktop, the icon alone where the header is short of room.
 */
export function headerPageLinks(user: SessionUser | null): HTMLElement {
  const shown: readonly CampaignPage[] = user ? ['dashboard', 'progress'] : ['progress'];
  return h(
    'nav',
    { class: 'header-pages', 'aria-label': t('header.pages') },
    ...PAGE_LINKS.filter((link) => shown.includes(link.page)).map((link) =>
      h(
        'a',
        {
          class: 'header-button header-page-link',
          href: link.href,
          id: `nav-${link.page}`,
          title: link.page === 'progress' ? t('header.progressPublic') : t(link.label),
        },
        icon(link.page),
        h('span', { class: 'header-button-label' }, t(link.label)),
      ),
    ),
    planningRights(user).assess
      ? h('a', { class: 'header-button header-page-link', href: '/planning.html', id: 'nav-planning', title: t('plan.nav') }, icon('planning'), h('span', { class: 'header-button-label' }, t('plan.nav')))
      : null,
  );
}
