import { getJson, sendJson } from './api.client.ts';
import type { UploadedPhoto } from './ownership.types.ts';
import type { NewRemoval, Removal, RemovalPage, RemovalQuery } from './removals.types.ts';
import { uploadFile, type UploadProgress } from './upload.client.ts';

// A removal moves on (verified, voided) while a page is open: never from the browser cache.
const FRESH = { cache: 'no-store' } as const;

const removalPath = (id: number, rest = ''): string => `/api/removals/${encodeURIComponent(id)}${rest}`;

export async function fetchRemovals(query: RemovalQuery, signal?: AbortSignal): Promise<RemovalPage> {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined) params.set(name, String(value));
  }
  return (await getJson<RemovalPage>(`/api/removals?${params.toString()}`, signal, FRESH)).body;
}

export async function fetchRemoval(id: number, signal?: AbortSignal): Promise<Removal> {
  return (await getJson<Removal>(removalPath(id), signal, FRESH)).body;
}

/**
 * The removal that took a pole off the map. The API has no lookup by pole yet, so this asks
 * for the removals of the day the pole was pulled (at most a few dozen even in a busy
 * campaign) and picks the pole's; the newest one still standing wins, as voided records stay.
 */
export async function fetchPoleRemoval(poleId: number, removedOn: string, signal?: AbortSignal): Promise<Removal | null> {
  const page = await fetchRemovals({ from: removedOn, to: removedOn, limit: 2000 }, signal);
  const mine = page.items.filter((r) => r.pole_id === poleId);
  return mine.find((r) => r.status !== 'voided') ?? mine[0] ?? null;
}

export async function recordRemoval(removal: NewRemoval): Promise<Removal> {
  return (await sendJson<Removal>('POST', '/api/removals', removal)).body;
}

export function uploadRemovalPhoto(removalId: number, file: File, onProgress?: UploadProgress, signal?: AbortSignal): Promise<UploadedPhoto> {
  return uploadFile<UploadedPhoto>(removalPath(removalId, '/photos'), 'file', file, onProgress, signal);
}

export async function verifyRemoval(removalId: number): Promise<Removal> {
  return (await sendJson<Removal>('POST', removalPath(removalId, '/verify'))).body;
}

export async function voidRemoval(removalId: number, reason: string): Promise<Removal> {
  return (await sendJson<Removal>('POST', removalPath(removalId, '/void'), { reason })).body;
}
