import { getJson } from './api.client.ts';
import type { Bbox, HistoryItem, PoleDetail, PolePage, SummaryCollection } from './api.types.ts';
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
  /** kept for the edit forms to come: PATCH needs it as If-Match */
  etag: string | null;
}

export async function fetchPole(id: number, signal?: AbortSignal): Promise<PoleWithEtag> {
  const { body, headers } = await getJson<PoleDetail>(`/api/poles/${encodeURIComponent(id)}`, signal);
  return { pole: body, etag: headers.get('ETag') };
}

export async function fetchPoleHistory(id: number, signal?: AbortSignal): Promise<HistoryItem[]> {
  return (await getJson<{ items: HistoryItem[] }>(`/api/poles/${encodeURIComponent(id)}/history`, signal)).body.items;
}
