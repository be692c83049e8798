import { headerPageLinks } from '../campaign/header.links.ts';
import { lang, onLangChange, t, tEnum } from '../i18n/i18n.ts';
import { sessionStore } from '../state/session.store.ts';
import { bdi, h, replaceChildren, svg } from '../ui/dom.builder.ts';
import { describeError } from '../ui/error.describe.ts';
import { adminSections, orgName } from './account.access.ts';
import { openLoginDialog } from './login.dialog.ts';
import { signOut } from './session.actions.ts';

export interface AccountMenuOptions {
  /** 'admin': link to the admin pages (the map); 'map': link back to the map (admin pages) */
  link: 'admin' | 'map';
  /** the map's links to the figures pages (the figures pages have their own strip) */
  pages?: boolean;
  onError: (message: string) => void;
}

const NARROW = '(max-width: 640px)';

function personIcon(): SVGSVGElement {
  return svg(
    'svg',
    { width: 22, height: 22, viewBox: '0 0 24 24', 'aria-hidden': 'true', focusable: 'false' },
    svg('circle', { cx: 12, cy: 8, r: 4, fill: 'none', stroke: 'currentColor', 'stroke-width': 2 }),
    svg('path', { d: 'M4 21c0-4.4 3.6-7 8-7s8 2.6 8 7', fill: 'none', stroke: 'currentColor', 'stroke-width': 2 }),
  );
}

/**
 * The header's account area: a Sign in button, or who is signed in (name, role, firm) with
 * the admin link and Sign out. On a phone the details fold into a menu behind one button.
 */
export class AccountMenu {
  readonly el = h('div', { class: 'account', id: 'account' });
  private open = false;

  constructor(private readonly options: AccountMenuOptions) {
    this.render();
    sessionStore.subscribe(() => {
      this.open = false;
      this.render();
    });
    onLangChange(() => this.render());
    document.addEventListener('click', (e) => {
      if (this.open && e.target instanceof Node && !this.el.contains(e.target)) this.setOpen(false);
    });
    document.addEventListener('keydown', (e) => {
      if (e.key === 'Escape' && this.open) {
        this.setOpen(false);
        this.el.querySelector<HTMLElement>('.account-toggle')?.focus();
      }
    });
  }

  private render(): void {
    const { known, user } = sessionStore.get();
    this.el.classList.toggle('account-open', this.open);
    if (!known) {
      replaceChildren(this.el);
      return;
    }
    if (!user) {
      const signIn = h('button', { type: 'button', class: 'header-button', id: 'sign-in' }, personIcon(), h('span', null, t('auth.signIn')));
      signIn.addEventListener('click', () => openLoginDialog());
      replaceChildren(this.el, this.options.pages ? headerPageLinks(null) : null, signIn);
      return;
    }

    const role = tEnum('role', user.role);
    const org = orgName(user, lang());
    const toggle = h(
      'button',
      {
        type: 'button',
        class: 'header-button account-toggle',
        'aria-expanded': String(this.open),
        'aria-controls': 'account-details',
        'aria-label': t('auth.account', { name: user.displayName }),
        title: t('auth.accountMenu'),
      },
      personIcon(),
    );
    toggle.addEventListener('click', () => this.setOpen(!this.open));

    const signOutButton = h('button', { type: 'button', class: 'header-button', id: 'sign-out' }, t('auth.signOut'));
    signOutButton.addEventListener('click', () => {
      signOutButton.disabled = true;
      // The Sign out button is gone once signed out; focus moves to Sign in.
      signOut().then(
        () => this.focusFirst(),
        (err: unknown) => {
          signOutButton.disabled = false;
          this.options.onError(t('auth.signOutFailed', { message: describeError(err) }));
        },
      );
    });

    replaceChildren(
      this.el,
      toggle,
      h(
        'div',
        { class: 'account-details', id: 'account-details' },
        h(
          'div',
          { class: 'account-who', 'data-testid': 'account-who', title: [user.displayName, role, org].filter(Boolean).join(' · ') },
          h('span', { class: 'visually-hidden' }, t('auth.signedInAs')),
          h('span', { class: 'account-name' }, bdi(user.displayName)),
          h('span', { class: 'account-meta' }, role, org ? ' · ' : null, org ? bdi(org) : null),
        ),
        this.options.pages ? headerPageLinks(user) : null,
        this.link(adminSections(user)),
        signOutButton,
      ),
    );
  }

  private link(sections: readonly string[]): HTMLElement | null {
    if (this.options.link === 'map') return h('a', { class: 'header-button', href: '/' }, t('auth.map'));
    const first = sections[0];
    if (!first) return null;
    const label = sections.includes('users') ? t('auth.admin') : t('auth.tokens');
    return h('a', { class: 'header-button', href: `/admin.html#/${first}`, id: 'admin-link' }, label);
  }

  private focusFirst(): void {
    const candidates = this.el.querySelectorAll<HTMLElement>('button, a');
    for (const el of candidates) {
      if (el.offsetParent !== null) return el.focus();
    }
  }

  private setOpen(open: boolean): void {
    // On wide screens the details are always visible; the toggle is not shown there.
    this.open = open && window.matchMedia(NARROW).matches;
    this.el.classList.toggle('account-open', this.open);
    this.el.querySelector('.account-toggle')?.setAttribute('aria-expanded', String(this.open));
    if (this.open) this.el.querySelector<HTMLElement>('.account-details a, .account-details button')?.focus();
  }
}
