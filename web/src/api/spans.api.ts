import type { Bbox } from './api.types.ts';
import { formatBbox } from './poles.query.ts';
import { getJson } from './api.client.ts';
import type { SpanPage } from './dashboard.types.ts';

// A completed burial turns overhead spans into buried ones while the page is open.
const FRESH = { cache: 'no-store' } as const;

/** The server's cap on one answer; a view with more says so rather than paging on. */
export const SPAN_PAGE_LIMIT = 5000;

export async function fetchSpansInView(bbox: Bbox, statuses: readonly string[], signal?: AbortSignal): Promise<SpanPage> {
  const params = new URLSearchParams({ bbox: formatBbox(bbox), status: statuses.join(','), limit: String(SPAN_PAGE_LIMIT) });
  return (await getJson<SpanPage>(`/api/spans?${params.toString()}`, signal, FRESH)).body;
}
