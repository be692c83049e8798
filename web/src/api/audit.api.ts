import { getJson } from './api.client.ts';
import type { AuditPage, AuditQuery, VerifyResult } from './admin.types.ts';

export const AUDIT_PAGE_SIZE = 50;

export async function fetchAudit(query: AuditQuery, cursor: string | null, signal?: AbortSignal): Promise<AuditPage> {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (typeof value === 'string' && value.trim() !== '') params.set(name, value.trim());
  }
  params.set('limit', String(AUDIT_PAGE_SIZE));
  if (cursor) params.set('cursor', cursor);
  return (await getJson<AuditPage>(`/api/audit?${params.toString()}`, signal)).body;
}

export async function verifyAudit(signal?: AbortSignal): Promise<VerifyResult> {
  return (await getJson<VerifyResult>('/api/audit/verify', signal)).body;
}
