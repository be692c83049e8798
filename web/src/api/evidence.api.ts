import { getJson } from './api.client.ts';
import { casePath } from './cases.api.ts';
import { uploadFile, type UploadProgress } from './upload.client.ts';

/** Photo evidence of a case (/api/cases/:id/photos), with the server's checks of its EXIF. */

export const PHOTO_PURPOSES = ['evidence', 'correction_proof'] as const;
export type PhotoPurpose = (typeof PHOTO_PURPOSES)[number];

/** Why a photo is not verified: each is said in words next to its thumbnail. */
export const PHOTO_FLAGS = ['no_gps', 'far_from_pole', 'time_in_future', 'time_before_case', 'no_time'] as const;
export type PhotoFlag = (typeof PHOTO_FLAGS)[number];

export interface CasePhoto {
  id: number;
  purpose: PhotoPurpose;
  pole_id: number | null;
  sha256: string;
  mime: string;
  bytes: number;
  width: number;
  height: number;
  taken_at: string | null;
  lng: number | null;
  lat: number | null;
  /** from the nearest of the case's poles (or the named one) */
  distance_m: number | null;
  verified: boolean;
  flags: PhotoFlag[];
  note: string | null;
  created_by: string;
  created_at: string;
  url: string;
  thumb_url: string;
}

export interface PhotoFields {
  purpose?: PhotoPurpose;
  pole_id?: number;
  note?: string;
}

export async function fetchCasePhotos(caseId: number, signal?: AbortSignal): Promise<CasePhoto[]> {
  return (await getJson<{ items: CasePhoto[] }>(casePath(caseId, '/photos'), signal, { cache: 'no-store' })).body.items;
}

export function uploadCasePhoto(
  caseId: number,
  file: File,
  fields: PhotoFields,
  onProgress?: UploadProgress,
  signal?: AbortSignal,
  /** the same on every retry of this photo: a lost answer never files it twice */
  idempotencyKey?: string,
): Promise<CasePhoto> {
  const form: Record<string, string> = {};
  if (fields.purpose) form.purpose = fields.purpose;
  if (fields.pole_id !== undefined) form.pole_id = String(fields.pole_id);
  if (fields.note) form.note = fields.note;
  return uploadFile<CasePhoto>(casePath(caseId, '/photos'), 'file', file, onProgress, signal, form, idempotencyKey ? { 'Idempotency-Key': idempotencyKey } : undefined);
}
