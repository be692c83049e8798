import { adminSections, type AdminSection } from '../auth/account.access.ts';
import { openLoginDialog } from '../auth/login.dialog.ts';
import { onLangChange, t, type MessageKey } from '../i18n/i18n.ts';
import { sessionStore } from '../state/session.store.ts';
import { h, replaceChildren } from '../ui/dom.builder.ts';
import { describeError } from '../ui/error.describe.ts';
import type { AdminPage } from './admin.page.ts';
import { AdminRefs } from './admin.refs.ts';
import { readRoute, sectionHref } from './admin.router.ts';
import { AuditPage } from './audit.page.ts';
import { CalendarPage } from './calendar.page.ts';
import { TokensPage } from './tokens.page.ts';
import { UsersPage } from './users.page.ts';

const TAB_LABELS: Record<AdminSection, MessageKey> = { users: 'admin.tab.users', tokens: 'admin.tab.tokens', audit: 'admin.tab.audit', calendar: 'admin.tab.calendar' };

/**
 * The admin page's frame: works out what the signed-in person may see, draws the tabs and
 * mounts one section at a time. Nothing here is a security boundary; the server is.
 */
export class AdminShell {
  private refs: AdminRefs | null = null;
  private refsError: unknown = null;
  private page: { key: string; view: AdminPage } | null = null;

  constructor(private readonly el: HTMLElement) {
    sessionStore.subscribe(() => this.route());
    window.addEventListener('hashchange', () => this.route());
    onLangChange(() => {
      this.page?.view.render();
      this.route();
    });
  }

  /** Organisations and districts, once; the pages cannot name codes without them. */
  async start(): Promise<void> {
    try {
      this.refs = await AdminRefs.load();
    } catch (err) {
      this.refsError = err;
    }
    this.route();
  }

  private route(): void {
    const { known, user } = sessionStore.get();
    if (!known) return replaceChildren(this.el, h('p', { class: 'hint admin-note' }, t('admin.loading')));
    if (!user) {
      this.page = null;
      const signIn = h('button', { type: 'button', class: 'button button-primary' }, t('auth.signIn'));
      signIn.addEventListener('click', () => openLoginDialog());
      return replaceChildren(this.el, h('div', { class: 'admin-note' }, h('p', null, t('admin.signInFirst')), signIn));
    }
    const sections = adminSections(user);
    if (sections.length === 0) {
      this.page = null;
      return replaceChildren(
        this.el,
        h('div', { class: 'admin-note' }, h('p', null, t('admin.noAccess')), h('a', { class: 'button', href: '/' }, t('admin.backToMap'))),
      );
    }
    if (this.refsError || !this.refs) {
      const message = this.refsError ? t('admin.loadFailed', { message: describeError(this.refsError) }) : t('admin.loading');
      return replaceChildren(this.el, h('p', { class: 'admin-note', role: this.refsError ? 'alert' : 'status' }, message));
    }

    const route = readRoute();
    const section = route.section && sections.includes(route.section) ? route.section : sections[0]!;
    if (route.section !== section) history.replaceState(null, '', sectionHref(section));
    // A new page per section, per user, per preset: the same one is kept (with its data)
    // across language switches and re-routes that change nothing.
    const key = `${user.id}:${section}:${route.params.toString()}`;
    if (this.page?.key !== key) {
      const ctx = { user, refs: this.refs };
      const view = section === 'users' ? new UsersPage(ctx)
        : section === 'tokens' ? new TokensPage(ctx)
        : section === 'calendar' ? new CalendarPage(ctx)
        : new AuditPage(ctx, route.params);
      this.page = { key, view };
    }
    replaceChildren(this.el, this.tabs(sections, section), this.page.view.el);
  }

  private tabs(sections: readonly AdminSection[], current: AdminSection): HTMLElement {
    return h(
      'nav',
      { class: 'admin-tabs', 'aria-label': t('admin.nav') },
      ...sections.map((s) =>
        h('a', { href: sectionHref(s), class: 'admin-tab', 'aria-current': s === current ? 'page' : null, 'data-section': s }, t(TAB_LABELS[s])),
      ),
    );
  }
}
