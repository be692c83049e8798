import type { SessionUser } from '../api/auth.types.ts';

/**
 * Who was last signed in on this device, without any secret (no token, no cookie): out of
 * signal the page cannot ask the server, yet the officer is still the officer and may keep
 * recording poles into the outbox. The server has the last word once it is reachable.
 */
const KEY = 'polewatch.lastUser';

export function rememberUser(user: SessionUser | null): void {
  try {
    if (user) window.localStorage.setItem(KEY, JSON.stringify(user));
    else window.localStorage.removeItem(KEY);
  } catch {
    // Private mode: offline recording then needs a session opened in this page view.
  }
}

export function rememberedUser(): SessionUser | null {
  try {
    const raw = window.localStorage.getItem(KEY);
    const user = raw ? (JSON.parse(raw) as SessionUser) : null;
    return user && typeof user.username === 'string' && typeof user.role === 'string' ? user : null;
  } catch {
    return null;
  }
}
