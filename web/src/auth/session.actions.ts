import { ApiError } from '../api/api.error.ts';
import { fetchMe, postLogin, postLogout } from '../api/auth.api.ts';
import type { SessionUser } from '../api/auth.types.ts';
import { setCsrfToken } from '../api/csrf.token.ts';
import { sessionStore } from '../state/session.store.ts';

function settle(user: SessionUser | null, csrf: string | null): void {
  setCsrfToken(csrf);
  sessionStore.set({ known: true, user });
}

/**
 * Reads the session the cookie stands for. Failing to reach the server leaves the page
 * anonymous (the public map still works) rather than stuck in "unknown".
 */
export async function loadSession(): Promise<void> {
  try {
    const me = await fetchMe();
    settle(me.user, me.csrfToken);
  } catch {
    settle(null, null);
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
