import type { FeatureCollection } from 'geojson';
import type { Bbox } from './api.types.ts';
import { formatBbox } from './poles.query.ts';
import { getJson, sendJson } from './api.client.ts';
import { uploadJson, type UploadProgress } from './upload.client.ts';
import type { DateWindow, NewRoadWork, RankedRoadWork, RoadWorkCollection, RoadWorkFeature, RoadWorkImportResult, RoadWorkStatus } from './burial.types.ts';

const FRESH = { cache: 'no-store' } as const;

function windowParams(params: URLSearchParams, window: DateWindow): void {
  if (window.from) params.set('from', window.from);
  if (window.to) params.set('to', window.to);
}

export async function fetchRoadWorks(query: DateWindow & { bbox?: Bbox; status?: RoadWorkStatus[] }, signal?: AbortSignal): Promise<RoadWorkCollection> {
  const params = new URLSearchParams();
  if (query.bbox) params.set('bbox', formatBbox(query.bbox));
  if (query.status?.length) params.set('status', query.status.join(','));
  windowParams(params, query);
  return (await getJson<RoadWorkCollection>(`/api/road-works?${params.toString()}`, signal, FRESH)).body;
}

export async function createRoadWork(work: NewRoadWork): Promise<RoadWorkFeature> {
  return (await sendJson<RoadWorkFeature>('POST', '/api/road-works', work)).body;
}

/** Validates (dryRun) or writes every feature of the file; all or nothing. */
export function importRoadWorks(collection: FeatureCollection, dryRun: boolean, onProgress?: UploadProgress, signal?: AbortSignal): Promise<RoadWorkImportResult> {
  return uploadJson<RoadWorkImportResult>(`/api/road-works/import${dryRun ? '?dry_run=true' : ''}`, collection, onProgress, signal);
}

/** Dig once: upcoming road works, the ones with the most overhead cable along them first. */
export async function fetchRanking(query: DateWindow & { corridor_m?: number }, signal?: AbortSignal): Promise<RankedRoadWork[]> {
  const params = new URLSearchParams();
  windowParams(params, query);
  if (query.corridor_m !== undefined) params.set('corridor_m', String(query.corridor_m));
  return (await getJson<{ items: RankedRoadWork[] }>(`/api/road-works/ranking?${params.toString()}`, signal, FRESH)).body.items;
}
