import { sessionStore } from '../state/session.store.ts';
import { openLoginDialog } from './login.dialog.ts';

const LOGIN_HASH = '#/login';

/** Drops "#/login" from the address once it has done its job, so Back does not reopen it. */
function clearHash(): void {
  if (window.location.hash === LOGIN_HASH) history.replaceState(null, '', window.location.pathname + window.location.search);
}

function openIfAsked(): void {
  if (window.location.hash !== LOGIN_HASH) return;
  if (sessionStore.get().user) {
    clearHash();
    return;
  }
  openLoginDialog({ onClose: clearHash });
}

/**
 * `/#/login` is a link people can bookmark or be sent (e.g. from the admin page): it opens
 * the sign-in dialog over the map. Call once the session is known.
 */
export function watchLoginRoute(): void {
  openIfAsked();
  window.addEventListener('hashchange', openIfAsked);
}
