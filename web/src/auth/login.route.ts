import { sessionStore } from '../state/session.store.ts';
import { openLoginDialog } from './login.dialog.ts';

const LOGIN_HASH = '#/login';

/**
 * Where to send someone after signing in: a path on this site only. Anything that could
 * leave it ("//evil.example", "https://…", "/\evil") is dropped, so the link cannot be used
 * to bounce a freshly signed-in person to another site.
 */
function safeReturn(raw: string | null): string | null {
  if (!raw || !raw.startsWith('/') || raw.startsWith('//') || raw.includes('\\')) return null;
  try {
    const url = new URL(raw, window.location.origin);
    return url.origin === window.location.origin ? url.pathname + url.search + url.hash : null;
  } catch {
    return null;
  }
}

/** The sign-in the address asks for: null when it asks for none. */
function loginRequest(): { returnTo: string | null } | null {
  const hash = window.location.hash;
  if (hash !== LOGIN_HASH && !hash.startsWith(`${LOGIN_HASH}?`)) return null;
  return { returnTo: safeReturn(new URLSearchParams(hash.slice(LOGIN_HASH.length + 1)).get('return')) };
}

/**
 * The map's sign-in link for a page that needs a session (e.g. the dashboard): signing in
 * there brings the person back to `path`.
 */
export function loginHref(path: string): string {
  // Slashes stay readable ("?return=/dashboard.html"); everything else that could end the
  // parameter (&, #, spaces) is escaped.
  return `/${LOGIN_HASH}?return=${encodeURIComponent(path).replaceAll('%2F', '/')}`;
}

/** Drops "#/login…" from the address once it has done its job, so Back does not reopen it. */
function clearHash(): void {
  if (loginRequest()) history.replaceState(null, '', window.location.pathname + window.location.search);
}

function openIfAsked(): void {
  const request = loginRequest();
  if (!request) return;
  if (sessionStore.get().user) {
    clearHash();
    if (request.returnTo) window.location.assign(request.returnTo);
    return;
  }
  openLoginDialog({
    onClose: clearHash,
    onSignedIn: () => {
      if (request.returnTo) window.location.assign(request.returnTo);
    },
  });
}

/**
 * `/#/login` is a link people can bookmark or be sent (e.g. from the admin page): it opens
 * the sign-in dialog over the map. `/#/login?return=/dashboard.html` goes back to that page
 * once signed in. Call once the session is known.
 */
export function watchLoginRoute(): void {
  openIfAsked();
  window.addEventListener('hashchange', openIfAsked);
}
