import { getJson } from './api.client.ts';
import type { Dashboard, DashboardTable, PublicProgress, RemovedPoleCollection, SpanPage } from './dashboard.types.ts';

// Figures change with every recorded removal, so none of these may come from the browser cache.
const FRESH = { cache: 'no-store' } as const;

export async function fetchDashboard(year: number | null, signal?: AbortSignal): Promise<Dashboard> {
  const query = year === null ? '' : `?year=${encodeURIComponent(year)}`;
  return (await getJson<Dashboard>(`/api/dashboard${query}`, signal, FRESH)).body;
}

/** Where a table's CSV is downloaded from; a plain link, so the browser saves the file itself. */
export function dashboardCsvHref(table: DashboardTable, year: number): string {
  return `/api/dashboard/export.csv?${new URLSearchParams({ table, year: String(year) }).toString()}`;
}

export async function fetchPublicProgress(signal?: AbortSignal): Promise<PublicProgress> {
  return (await getJson<PublicProgress>('/api/public/progress', signal, FRESH)).body;
}

export async function fetchRemovedPoles(limit: number, signal?: AbortSignal): Promise<RemovedPoleCollection> {
  return (await getJson<RemovedPoleCollection>(`/api/public/removed-poles?limit=${limit}`, signal, FRESH)).body;
}

export async function fetchBuriedSpans(limit: number, signal?: AbortSignal): Promise<SpanPage> {
  return (await getJson<SpanPage>(`/api/spans?status=buried&limit=${limit}`, signal, FRESH)).body;
}
