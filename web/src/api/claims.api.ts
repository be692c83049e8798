import type { Polygon } from 'geojson';
import { getJson, sendJson } from './api.client.ts';
import type { BulkClaimResult, Claim, ClaimKind, ClaimQuery, UploadedPhoto } from './ownership.types.ts';
import { uploadFile, type UploadProgress } from './upload.client.ts';

export async function fetchClaims(query: ClaimQuery, signal?: AbortSignal): Promise<Claim[]> {
  const params = new URLSearchParams();
  if (query.status) params.set('status', query.status);
  if (query.pole_id !== undefined) params.set('pole_id', String(query.pole_id));
  if (query.limit !== undefined) params.set('limit', String(query.limit));
  // Fresh every time: a decision made a moment ago must show.
  return (await getJson<{ items: Claim[] }>(`/api/claims?${params.toString()}`, signal, { cache: 'no-store' })).body.items;
}

export async function createClaim(poleId: number, kind: ClaimKind, evidenceText: string): Promise<Claim> {
  return (await sendJson<Claim>('POST', '/api/claims', { pole_id: poleId, kind, evidence_text: evidenceText })).body;
}

export function uploadClaimPhoto(claimId: number, file: File, onProgress?: UploadProgress, signal?: AbortSignal): Promise<UploadedPhoto> {
  return uploadFile<UploadedPhoto>(`/api/claims/${encodeURIComponent(claimId)}/photos`, 'file', file, onProgress, signal);
}

export async function decideClaim(claimId: number, decision: 'accept' | 'reject', reason: string): Promise<Claim> {
  return (await sendJson<Claim>('POST', `/api/claims/${encodeURIComponent(claimId)}/decision`, { decision, reason })).body;
}

export async function withdrawClaim(claimId: number): Promise<Claim> {
  return (await sendJson<Claim>('POST', `/api/claims/${encodeURIComponent(claimId)}/withdraw`)).body;
}

export async function bulkClaim(area: Polygon, evidenceText: string): Promise<BulkClaimResult> {
  return (await sendJson<BulkClaimResult>('POST', '/api/claims/bulk', { area, evidence_text: evidenceText })).body;
}
