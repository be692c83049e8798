import type { SessionUser } from '../api/auth.types.ts';
import { loginHref } from '../auth/login.route.ts';
import { onLangChange, t } from '../i18n/i18n.ts';
import { sessionStore } from '../state/session.store.ts';
import { h, replaceChildren } from '../ui/dom.builder.ts';

/** A page body that exists only for a signed-in person; made again when someone else signs in. */
export interface SignedInView {
  readonly el: HTMLElement;
}

function signInNote(): HTMLElement {
  return h(
    'div',
    { class: 'page-note', 'data-testid': 'sign-in-first' },
    h('p', null, t('campaign.signInFirst')),
    // The map's sign-in, which brings the person back here (with the same ?year=) afterwards.
    h('a', { class: 'button button-primary', href: loginHref(window.location.pathname + window.location.search) }, t('campaign.signInLink')),
    h('p', { class: 'hint' }, h('a', { href: '/progress.html' }, t('campaign.publicHint'))),
  );
}

/**
 * Shows `create()`'s view while someone is signed in, and a "please sign in" note with a link
 * to the map's sign-in otherwise. The server refuses the figures anyway; this only words it.
 */
export function whenSignedIn(main: HTMLElement, create: (user: SessionUser) => SignedInView): void {
  let view: { userId: number; el: HTMLElement } | null = null;
  const route = (): void => {
    const { known, user } = sessionStore.get();
    if (!known) return replaceChildren(main, h('p', { class: 'hint page-status', role: 'status' }, t('campaign.loading')));
    if (!user) {
      view = null;
      return replaceChildren(main, signInNote());
    }
    if (view?.userId !== user.id) view = { userId: user.id, el: create(user).el };
    if (view.el.parentElement !== main) replaceChildren(main, view.el);
  };
  sessionStore.subscribe(route);
  onLangChange(() => {
    if (!sessionStore.get().user) route();
  });
  route();
}
