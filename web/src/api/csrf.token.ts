/**
 * The session's CSRF token, kept in memory only. The session cookie rides along with any
 * request the browser makes, even one started by another site; this value is known only to
 * our own page (it comes from /api/auth/login and /api/auth/me), so sending it back proves
 * the change came from here.
 */
let current: string | null = null;

export function setCsrfToken(token: string | null): void {
  current = token;
}

export function csrfToken(): string | null {
  return current;
}
