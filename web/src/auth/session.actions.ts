import { ApiError } from '../api/api.error.ts';
import { fetchMe, postLogin, postLogout } from '../api/auth.api.ts';
import type { SessionUser } from '../api/auth.types.ts';
import { setCsrfToken } from '../api/csrf.token.ts';
import { sessionStore } from '../state/session.store.ts';
import { rememberedUser, rememberUser } from './session.memory.ts';

function settle(user: SessionUser | null, csrf: string | null): void {
  setCsrfToken(csrf);
  rememberUser(user);
  sessionStore.set({ known: true, user });
}

/** No answer, or a gateway's / an unready server's: says nothing about the session. */
function outOfReach(err: unknown): boolean {
  return !(err instanceof ApiError) || err.kind === 'network' || (err.status ?? 0) >= 500;
}

/**
 * Reads the session the cookie stands for. Failing to reach the server leaves the page with
 * the person last signed in here but no CSRF token (so they can queue work offline and
 * nothing is sent until the server confirms the session), or anonymous if nobody was.
 */
export async function loadSession(): Promise<void> {
  try {
    const me = await fetchMe();
    settle(me.user, me.csrfToken);
  } catch (err) {
    const user = outOfReach(err) ? rememberedUser() : null;
    setCsrfToken(null);
    sessionStore.set({ known: true, user });
  }
}

/** Throws the ApiError of a refused sign-in; the caller words it. */
export async function signIn(username: string, password: string): Promise<SessionUser> {
  const res = await postLogin(username, password);
  settle(res.user, res.csrfToken);
  return res.user;
}

export async function signOut(): Promise<void> {
  try {
    await postLogout();
  } catch (err) {
    // An expired session is already signed out; anything else is worth surfacing.
    if (!(err instanceof ApiError && err.status === 401)) throw err;
  }
  settle(null, null);
}

/**
 * After a 401 (session expired or revoked while the page was open) the page must stop
 * showing controls the server no longer honours.
 */
export function noteAuthFailure(err: unknown): void {
  if (err instanceof ApiError && err.status === 401) void loadSession();
}
