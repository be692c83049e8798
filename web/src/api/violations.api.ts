import { sendJson } from './api.client.ts';
import { uploadFile, type UploadProgress } from './upload.client.ts';

/**
 * The two requests behind "flag a violation": the case, then each photo of it. Both carry an
 * Idempotency-Key so the outbox can retry them after a lost answer without a second case or
 * a second copy of a photo.
 */
export interface NewViolation {
  category: string;
  pole_ids: number[];
  description: string;
}

export async function postViolation(body: NewViolation, idempotencyKey: string): Promise<{ id: number }> {
  return (await sendJson<{ id: number }>('POST', '/api/cases', body, { headers: { 'Idempotency-Key': idempotencyKey } })).body;
}

export interface ViolationPhotoFields {
  purpose: 'evidence' | 'correction_proof';
  pole_id?: number;
}

export function postViolationPhoto(
  caseId: number,
  file: File,
  fields: ViolationPhotoFields,
  idempotencyKey: string,
  onProgress?: UploadProgress,
): Promise<{ id: number }> {
  const form: Record<string, string> = { purpose: fields.purpose };
  if (fields.pole_id !== undefined) form.pole_id = String(fields.pole_id);
  return uploadFile<{ id: number }>(`/api/cases/${encodeURIComponent(caseId)}/photos`, 'file', file, onProgress, undefined, form, {
    'Idempotency-Key': idempotencyKey,
  });
}
