import type { AdminSection } from '../auth/account.access.ts';

export interface AdminRoute {
  section: AdminSection | null;
  params: URLSearchParams;
}

const SECTIONS: readonly AdminSection[] = ['users', 'tokens', 'audit', 'calendar'];

/** "#/audit?entity_type=pole" → { section: 'audit', params }; anything else → no section. */
export function readRoute(hash: string = window.location.hash): AdminRoute {
  const m = /^#\/([a-z]+)(?:\?(.*))?$/.exec(hash);
  const section = SECTIONS.find((s) => s === m?.[1]) ?? null;
  return { section, params: new URLSearchParams(m?.[2] ?? '') };
}

export function sectionHref(section: AdminSection): string {
  return `#/${section}`;
}
