/** Shapes of the removal endpoints (/api/removals) as the server sends them. */

export const REMOVAL_STATUSES = ['recorded', 'verified', 'voided'] as const;
export type RemovalStatus = (typeof REMOVAL_STATUSES)[number];

export interface RemovalPhoto {
  id: number;
  /** same origin; the browser sends the session cookie with it */
  url: string;
  mime: string;
  bytes: number;
}

export interface Removal {
  id: number;
  pole_id: number;
  pole_code: string;
  lng: number;
  lat: number;
  district_code: string | null;
  /** the day it was pulled, 'YYYY-MM-DD' in Asia/Shanghai */
  removed_on: string;
  /** who pulled it: a carrier or the enforcement bureau */
  org_code: string;
  campaign_code: string | null;
  note: string | null;
  /** what the pole goes back to if the record is voided */
  previous_status: string;
  status: RemovalStatus;
  recorded_by: string;
  recorded_at: string;
  verified_by: string | null;
  verified_at: string | null;
  voided_by: string | null;
  void_reason: string | null;
  photos: RemovalPhoto[];
}

export interface NewRemoval {
  pole_id: number;
  removed_on: string;
  /** officers name who pulled it; a carrier always records its own firm's work and leaves it out */
  org?: string;
  note?: string;
}

export interface RemovalQuery {
  status?: RemovalStatus;
  /** 'YYYY-MM-DD', inclusive */
  from?: string;
  to?: string;
  limit?: number;
  cursor?: string;
}

export interface RemovalPage {
  items: Removal[];
  next: string | null;
}
