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
}

export const ANONYMOUS: Principal = { kind: 'anonymous', userId: null, tokenId: null, name: 'anonymous', role: null, orgId: null, orgCode: null, districtId: null };

/** The label written into history rows: stable, human-readable, never a secret. */
export function actorLabel(p: Principal): string {
  if (p.kind === 'token') return `token:${p.tokenId}:${p.name}`;
  if (p.kind === 'user') return `user:${p.userId}:${p.name}`;
  return p.name;
}
