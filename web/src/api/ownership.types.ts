/** Shapes of the ownership endpoints (attachments, claims, notices, portal), as the server sends them. */

export const ATTACHMENT_KINDS = ['fibre', 'copper', 'coax'] as const;
export type AttachmentKind = (typeof ATTACHMENT_KINDS)[number];
export const ATTACHMENT_STATUSES = ['active', 'abandoned', 'removed'] as const;
export type AttachmentStatus = (typeof ATTACHMENT_STATUSES)[number];

export interface Attachment {
  id: number;
  org_code: string;
  kind: AttachmentKind;
  cable_count: number;
  status: AttachmentStatus;
  source: 'carrier' | 'officer' | 'fixtures';
  updated_at: string;
}

export interface NewAttachment {
  /** officers only; a carrier always declares for its own firm */
  org?: string;
  kind: AttachmentKind;
  cable_count: number;
  status: AttachmentStatus;
}

export interface OrgName {
  code: string;
  name_zh: string;
  name_en: string;
}

export type ResponsibleParty = 'owner' | 'attached_firms' | 'city';

export interface NoticeRef {
  id: number;
  ends_at: string;
  status: NoticeStatus;
}

export interface Responsibility {
  party: ResponsibleParty;
  orgs: OrgName[];
  removal: {
    mustMoveOff: OrgName[];
    /** who pulls the pole; null = not decided yet (several firms still on it) or the city */
    lastOut: OrgName | null;
    cityRemoves: boolean;
  };
  notice: NoticeRef | null;
}

export const CLAIM_STATUSES = ['open', 'accepted', 'rejected', 'withdrawn'] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];
export type ClaimKind = 'claim' | 'disclaim';

export interface ClaimPhoto {
  id: number;
  /** same origin; the browser sends the session cookie with it */
  url: string;
  mime: string;
  bytes: number;
}

export interface Claim {
  id: number;
  pole_id: number;
  pole_code: string;
  lng: number;
  lat: number;
  org_code: string;
  kind: ClaimKind;
  status: ClaimStatus;
  evidence_text: string;
  photos: ClaimPhoto[];
  created_at: string;
  created_by: string;
  decided_at: string | null;
  decided_by: string | null;
  decision_reason: string | null;
  pole_ownership_status: string;
}

export interface ClaimQuery {
  status?: ClaimStatus;
  pole_id?: number;
  limit?: number;
}

export interface UploadedPhoto extends ClaimPhoto {
  sha256: string;
}

export interface BulkClaimResult {
  created: number;
  claims: Claim[];
}

export type NoticeStatus = 'active' | 'lapsed' | 'cancelled';

export interface Notice {
  id: number;
  pole_id: number;
  pole_code: string;
  starts_at: string;
  ends_at: string;
  status: NoticeStatus;
}

export interface NoticeResult {
  created: number;
  skipped: number;
  notices: Notice[];
}

export interface DoublePole {
  id: number;
  code: string;
  lng: number;
  lat: number;
  condition: string;
  install_year: number | null;
}

export interface DoubleCandidate {
  keep: DoublePole;
  /** the removal candidate */
  remove: DoublePole;
  distance_m: number;
}

export const PORTAL_SCOPES = ['owned', 'attached', 'orphans_near'] as const;
export type PortalScope = (typeof PORTAL_SCOPES)[number];
