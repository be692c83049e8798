import type { SessionUser } from '../api/auth.types.ts';

/**
 * Which admin sections a user may open. Only for showing links and tabs: the server checks
 * every request itself, so a hand-typed URL gets a 403, not data.
 */
export type AdminSection = 'users' | 'tokens' | 'audit' | 'calendar';

export function adminSections(user: SessionUser | null): AdminSection[] {
  if (!user) return [];
  if (user.role === 'admin') return ['users', 'tokens', 'audit', 'calendar'];
  if (user.role === 'carrier' && user.isOrgAdmin === true) return ['tokens'];
  return [];
}

/** The organisation name in the current language, falling back to the other one, then the code. */
export function orgName(user: SessionUser, lang: 'zh' | 'en'): string | null {
  const zh = user.orgNameZh ?? null;
  const en = user.orgNameEn ?? null;
  return (lang === 'zh' ? zh || en : en || zh) || user.org;
}
