import { getJson, sendJson } from './api.client.ts';
import type { Bbox } from './api.types.ts';
import type {
  CaseDetail,
  CaseOfficer,
  CaseMapCollection,
  CasePage,
  CaseQuery,
  CaseStats,
  DocumentRequest,
  IssuedDocument,
  NewCase,
  TransitionRequest,
  WorkingDaysAnswer,
} from './cases.types.ts';
import { formatBbox } from './poles.query.ts';

// A case moves on while a page is open (someone else serves the order): never from the cache.
const FRESH = { cache: 'no-store' } as const;

export const casePath = (id: number, rest = ''): string => `/api/cases/${encodeURIComponent(id)}${rest}`;

export async function fetchCases(query: CaseQuery, signal?: AbortSignal): Promise<CasePage> {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== '' && value !== false) params.set(name, String(value));
  }
  return (await getJson<CasePage>(`/api/cases?${params.toString()}`, signal, FRESH)).body;
}

export async function fetchCase(id: number, signal?: AbortSignal): Promise<CaseDetail> {
  return (await getJson<CaseDetail>(casePath(id), signal, FRESH)).body;
}

export async function fetchCaseMap(bbox: Bbox, signal?: AbortSignal): Promise<CaseMapCollection> {
  return (await getJson<CaseMapCollection>(`/api/cases/map?bbox=${formatBbox(bbox)}`, signal, FRESH)).body;
}

export async function fetchCaseStats(signal?: AbortSignal): Promise<CaseStats> {
  return (await getJson<CaseStats>('/api/cases/stats', signal, FRESH)).body;
}

/** `idempotencyKey`: the same on every retry of one case, so a lost answer never makes two. */
export async function createCase(body: NewCase, idempotencyKey?: string): Promise<CaseDetail> {
  const headers = idempotencyKey ? { 'Idempotency-Key': idempotencyKey } : undefined;
  return (await sendJson<CaseDetail>('POST', '/api/cases', body, headers ? { headers } : {})).body;
}

export async function moveCase(id: number, body: TransitionRequest): Promise<CaseDetail> {
  return (await sendJson<CaseDetail>('POST', casePath(id, '/transitions'), body)).body;
}

export async function issueDocument(id: number, body: DocumentRequest): Promise<IssuedDocument> {
  return (await sendJson<IssuedDocument>('POST', casePath(id, '/documents'), body)).body;
}

export async function setCaseOfficers(id: number, userIds: number[]): Promise<CaseDetail> {
  return (await sendJson<CaseDetail>('PUT', casePath(id, '/officers'), { user_ids: userIds })).body;
}

export async function setResponsible(id: number, org: string, reason: string): Promise<CaseDetail> {
  return (await sendJson<CaseDetail>('POST', casePath(id, '/responsible'), { org, reason })).body;
}

/** The day `days` working days after `from`, by the entered holiday calendar. */
export async function addWorkingDays(from: string, days: number, signal?: AbortSignal): Promise<WorkingDaysAnswer> {
  const params = new URLSearchParams({ from, days: String(days) });
  return (await getJson<WorkingDaysAnswer>(`/api/calendar/add-working-days?${params.toString()}`, signal)).body;
}

/** The officers who may be put on a case (执法人员), for the "add an officer" list. */
export async function fetchOfficerCandidates(signal?: AbortSignal): Promise<CaseOfficer[]> {
  return (await getJson<{ items: CaseOfficer[] }>('/api/cases/officers', signal, FRESH)).body.items;
}
