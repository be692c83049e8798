import { getJson, sendJson } from './api.client.ts';
import type { Bbox, CandidateLift, HistoryItem, NewPole, PoleDetail, PolePage, PolePatch, SummaryCollection } from './api.types.ts';
import { filterParams, formatBbox, type PoleFilters } from './poles.query.ts';

export async function fetchPoles(bbox: Bbox, filters: PoleFilters, limit: number, signal?: AbortSignal): Promise<PolePage> {
  const params = filterParams(filters);
  params.set('bbox', formatBbox(bbox));
  params.set('limit', String(limit));
  return (await getJson<PolePage>(`/api/poles?${params.toString()}`, signal)).body;
}

export async function fetchPoleSummary(
  bbox: Bbox,
  zoom: number,
  filters: PoleFilters,
  signal?: AbortSignal,
): Promise<SummaryCollection> {
  const params = filterParams(filters);
  params.set('bbox', formatBbox(bbox));
  params.set('zoom', String(Math.round(zoom)));
  return (await getJson<SummaryCollection>(`/api/poles/summary?${params.toString()}`, signal)).body;
}

export interface PoleWithEtag {
  pole: PoleDetail;
  /** sent back as If-Match, so an edit made on a stale copy is refused (412) */
  etag: string | null;
}

export async function fetchPole(id: number, signal?: AbortSignal): Promise<PoleWithEtag> {
  const { body, headers } = await getJson<PoleDetail>(`/api/poles/${encodeURIComponent(id)}`, signal, { cache: 'no-store' });
  return { pole: body, etag: headers.get('ETag') };
}

export async function fetchPoleHistory(id: number, signal?: AbortSignal): Promise<HistoryItem[]> {
  // Always fresh: right after a save the new entry must be there.
  return (await getJson<{ items: HistoryItem[] }>(`/api/poles/${encodeURIComponent(id)}/history`, signal, { cache: 'no-store' })).body.items;
}

/** Saves an edit made on the version named by `etag`; 412 stale_version if it moved on. */
export async function patchPole(id: number, etag: string, patch: PolePatch | CandidateLift): Promise<PoleWithEtag> {
  const { body, headers } = await sendJson<PoleDetail>('PATCH', `/api/poles/${encodeURIComponent(id)}`, patch, {
    headers: { 'If-Match': etag },
  });
  return { pole: body, etag: headers.get('ETag') };
}

/**
 * Records a new pole. `idempotencyKey` is the same on every retry of the same pole, so an
 * answer lost on the way back cannot make the retry record a second pole.
 */
export async function createPole(pole: NewPole, idempotencyKey: string): Promise<PoleWithEtag> {
  const { body, headers } = await sendJson<PoleDetail>('POST', '/api/poles', pole, { headers: { 'Idempotency-Key': idempotencyKey } });
  return { pole: body, etag: headers.get('ETag') };
}
