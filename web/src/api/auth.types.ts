/** Accounts as the server describes them to the signed-in page. */
export const ROLES = ['admin', 'officer', 'carrier', 'planner', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export interface SessionUser {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  /** organisation code */
  org: string | null;
  orgNameZh?: string | null;
  orgNameEn?: string | null;
  districtId: number | null;
  /** a carrier user who may manage its own firm's API tokens */
  isOrgAdmin?: boolean;
}

export interface MeResponse {
  user: SessionUser | null;
  csrfToken: string | null;
}

export interface LoginResponse {
  user: SessionUser;
  csrfToken: string;
}
