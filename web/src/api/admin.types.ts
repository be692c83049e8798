import type { Role } from './auth.types.ts';

/** Shapes of the admin endpoints (users, API tokens, audit log), as the server sends them. */

export interface UserItem {
  id: number;
  username: string;
  display_name: string;
  role: Role;
  org_code: string | null;
  district_code: string | null;
  disabled: boolean;
  is_org_admin: boolean;
  created_at: string;
  last_login_at: string | null;
}

export interface NewUser {
  username: string;
  display_name: string;
  role: Role;
  org: string | null;
  district: string | null;
  password: string;
  is_org_admin: boolean;
}

export interface UserPatch {
  display_name?: string;
  role?: Role;
  org?: string | null;
  district?: string | null;
  disabled?: boolean;
  password?: string;
  is_org_admin?: boolean;
}

export const TOKEN_ROLES = ['carrier', 'viewer'] as const;
export type TokenRole = (typeof TOKEN_ROLES)[number];

export interface TokenItem {
  id: number;
  name: string;
  org_code: string;
  role: TokenRole;
  /** the first characters of the secret, enough to recognise it in a config file */
  prefix?: string | null;
  created_at: string;
  created_by: string | null;
  last_used_at: string | null;
  revoked_at: string | null;
  expires_at: string | null;
}

export interface NewToken {
  name: string;
  org: string;
  role: TokenRole;
  expires_in_days?: number;
}

export interface CreatedToken {
  /** the whole secret; the server never shows it again */
  token: string;
  item: TokenItem;
}

export interface AuditItem {
  id: number;
  at: string;
  actor: string;
  actor_kind: string;
  org_code: string | null;
  action: string;
  entity_type: string;
  entity_id: string | number | null;
  before: unknown;
  after: unknown;
  request_id: string | null;
  client_addr: string | null;
}

export interface AuditPage {
  items: AuditItem[];
  next: string | null;
}

export interface AuditQuery {
  entity_type?: string;
  entity_id?: string;
  actor?: string;
  action?: string;
  /** ISO 8601 instants */
  from?: string;
  to?: string;
}

export interface VerifyResult {
  ok: boolean;
  count: number;
  firstBrokenId: number | null;
  reason: string | null;
}
