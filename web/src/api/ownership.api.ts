import type { Polygon } from 'geojson';
import { getJson, sendJson } from './api.client.ts';
import type { Bbox, PoleCollection } from './api.types.ts';
import type {
  Attachment,
  DoubleCandidate,
  NewAttachment,
  Notice,
  NoticeResult,
  NoticeStatus,
  PortalScope,
  Responsibility,
} from './ownership.types.ts';
import { formatBbox } from './poles.query.ts';

// Per-pole answers change with every claim and decision, so none of them is cached.
const FRESH = { cache: 'no-store' } as const;

const polePath = (id: number, rest: string): string => `/api/poles/${encodeURIComponent(id)}/${rest}`;

export async function fetchAttachments(poleId: number, signal?: AbortSignal): Promise<Attachment[]> {
  return (await getJson<{ items: Attachment[] }>(polePath(poleId, 'attachments'), signal, FRESH)).body.items;
}

export async function saveAttachment(poleId: number, attachment: NewAttachment): Promise<Attachment> {
  return (await sendJson<Attachment>('POST', polePath(poleId, 'attachments'), attachment)).body;
}

export async function fetchResponsibility(poleId: number, signal?: AbortSignal): Promise<Responsibility> {
  return (await getJson<Responsibility>(polePath(poleId, 'responsibility'), signal, FRESH)).body;
}

export interface NoticeRequest {
  pole_ids?: number[];
  area?: Polygon;
  days?: number;
}

export async function createNotices(request: NoticeRequest): Promise<NoticeResult> {
  return (await sendJson<NoticeResult>('POST', '/api/notices', request)).body;
}

export async function fetchNotices(status: NoticeStatus, signal?: AbortSignal): Promise<Notice[]> {
  return (await getJson<{ items: Notice[] }>(`/api/notices?status=${status}`, signal, FRESH)).body.items;
}

export async function fetchDoubles(bbox: Bbox, signal?: AbortSignal): Promise<DoubleCandidate[]> {
  const params = new URLSearchParams({ bbox: formatBbox(bbox) });
  return (await getJson<{ items: DoubleCandidate[] }>(`/api/poles/doubles?${params.toString()}`, signal, FRESH)).body.items;
}

export async function fetchPortalPoles(scope: PortalScope, limit: number, signal?: AbortSignal): Promise<PoleCollection> {
  const params = new URLSearchParams({ scope, limit: String(limit) });
  return (await getJson<PoleCollection>(`/api/portal/poles?${params.toString()}`, signal, FRESH)).body;
}

/** Runs the notice job now: poles whose notice ran out unclaimed become presumed abandoned. */
export async function runNoticeJob(): Promise<number> {
  return (await sendJson<{ lapsed: number }>('POST', '/api/jobs/notices/run')).body.lapsed;
}
