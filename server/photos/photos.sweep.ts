import type { Queryable } from '../db/db.types.ts';
import type { PhotoStore } from './photos.store.ts';
import { referencedKeys } from './photos.repo.ts';

export interface SweepResult {
  /** Photos in the store, and how many of those were old enough to be judged. */
  scanned: number;
  judged: number;
  orphansRemoved: number;
  tempsRemoved: number;
}

/**
 * A photo is written (fsync + rename) before its row commits; a crash or a failed
 * transaction in between leaves a file nothing refers to. Those, and temporary files of
 * interrupted writes, are removed once older than `minAgeMinutes` — old enough that no
 * request can still be about to commit a row for them.
 */
export async function sweepOrphanPhotos(q: Queryable, store: PhotoStore, minAgeMinutes: number, nowMs = Date.now()): Promise<SweepResult> {
  const cutoff = nowMs - minAgeMinutes * 60_000;
  const files = await store.list();
  const photos = files.filter((f) => f.kind === 'photo');
  const old = photos.filter((f) => f.mtimeMs < cutoff).map((f) => f.path);
  const referenced = old.length ? await referencedKeys(q, old) : new Set<string>();
  let orphansRemoved = 0;
  for (const key of old) if (!referenced.has(key) && (await store.removeIfOlder(key, cutoff))) orphansRemoved++;
  let tempsRemoved = 0;
  for (const f of files) if (f.kind === 'temp' && f.mtimeMs < cutoff && (await store.removeIfOlder(f.path, cutoff))) tempsRemoved++;
  return { scanned: photos.length, judged: old.length, orphansRemoved, tempsRemoved };
}
