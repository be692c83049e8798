import { AccountMenu } from '../auth/account.menu.ts';
import { loadSession } from '../auth/session.actions.ts';
import { applyDocumentLang, type MessageKey } from '../i18n/i18n.ts';
import { ErrorBanner } from '../ui/error.banner.ts';
import { HeaderView } from '../ui/header.view.ts';
import { mountPageNav, type CampaignPage } from './page.nav.ts';

export interface FrameOptions {
  page: CampaignPage;
  title: MessageKey;
  documentTitle: MessageKey;
  /** signed-in pages show who is signed in (and Sign out); the public page has no account area */
  account: boolean;
}

function byId(id: string): HTMLElement {
  const el = document.getElementById(id);
  if (!el) throw new Error(`the page lacks #${id}`);
  return el;
}

/**
 * What the three figures pages share around their content: document title and language,
 * header with the language switch, the page links and the error banner. Returns the element
 * the page draws into.
 */
export function mountFrame(options: FrameOptions): { main: HTMLElement; banner: ErrorBanner } {
  applyDocumentLang(options.documentTitle);
  const banner = new ErrorBanner(byId('banner'));
  const account = options.account
    ? new AccountMenu({ link: 'map', onError: (message) => banner.show('account', { message: () => message }) })
    : null;
  new HeaderView(byId('app-header'), { title: options.title, ...(account ? { account: account.el } : {}) });
  mountPageNav(byId('page-nav'), options.page);
  if (account) void loadSession();
  return { main: byId('page-main'), banner };
}
