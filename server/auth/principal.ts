/** Who is calling. Resolved once per request; services decide with it, never the UI. */
export const ROLES = ['admin', 'officer', 'carrier', 'planner', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export interface Principal {
  kind: 'anonymous' | 'user' | 'token' | 'system';
  /** users.id, or null for anonymous and system actors. */
  userId: number | null;
  tokenId: number | null;
  name: string;
  role: Role | null;
  orgId: number | null;
  orgCode: string | null;
  districtId: number | null;
  /** A carrier user who administers its own firm's API tokens. */
  isOrgAdmin: boolean;
}

export const ANONYMOUS: Principal = { kind: 'anonymous', userId: null, tokenId: null, name: 'anonymous', role: null, orgId: null, orgCode: null, districtId: null, isOrgAdmin: false };

/** Writes made by the system itself: fixture loading, scheduled jobs, the command line. */
export const systemPrincipal = (name: string): Principal => ({ ...ANONYMOUS, kind: 'system', name });

/** The label written into history rows: stable, human-readable, never a secret. */
export function actorLabel(p: Principal): string {
  if (p.kind === 'token') return `token:${p.tokenId}:${p.name}`;
  if (p.kind === 'user') return `user:${p.userId}:${p.name}`;
  return p.name;
}
