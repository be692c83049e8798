import { onLangChange, t, type MessageKey } from '../i18n/i18n.ts';
import { h, replaceChildren } from '../ui/dom.builder.ts';

export type CampaignPage = 'map' | 'dashboard' | 'progress' | 'report';

export interface PageLink {
  page: CampaignPage;
  href: string;
  label: MessageKey;
}

/** The site's pages, in the order every strip and menu lists them. */
export const PAGE_LINKS: readonly PageLink[] = [
  { page: 'map', href: '/', label: 'campaign.nav.map' },
  { page: 'dashboard', href: '/dashboard.html', label: 'campaign.nav.dashboard' },
  { page: 'progress', href: '/progress.html', label: 'campaign.nav.progress' },
  { page: 'report', href: '/report.html', label: 'campaign.nav.report' },
];

/** The strip of links between the map and the three figures pages, under the header. */
export function mountPageNav(el: HTMLElement, current: CampaignPage): void {
  const render = (): void => {
    el.setAttribute('aria-label', t('campaign.nav'));
    replaceChildren(
      el,
      ...PAGE_LINKS.map((link) =>
        h('a', { class: 'page-nav-link', href: link.href, 'aria-current': link.page === current ? 'page' : null, 'data-page': link.page }, t(link.label)),
      ),
    );
  };
  render();
  onLangChange(render);
}
