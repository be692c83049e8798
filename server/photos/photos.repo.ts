import type { Queryable } from '../db/db.types.ts';
import type { AcceptedPhoto } from './photos.accept.ts';

/** Evidence rows hang off different records; table and column names come from this fixed map only. */
const TABLES = {
  claim: { table: 'claim_photos', owner: 'claim_id', url: 'claims' },
  removal: { table: 'removal_photos', owner: 'removal_id', url: 'removals' },
} as const;
export type PhotoOwner = keyof typeof TABLES;

export async function insertPhoto(q: Queryable, kind: PhotoOwner, ownerId: number, p: AcceptedPhoto, createdBy: string): Promise<number> {
  const t = TABLES[kind];
  const res = await q.query<{ id: number }>(
    `INSERT INTO ${t.table} (${t.owner}, sha256, mime, bytes, width, height, storage_key, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [ownerId, p.sha256, p.mime, p.bytes, p.width, p.height, p.key, createdBy],
  );
  return res.rows[0]!.id;
}

export async function findPhoto(q: Queryable, kind: PhotoOwner, ownerId: number, photoId: number): Promise<{ storage_key: string; mime: string } | undefined> {
  const t = TABLES[kind];
  return (await q.query<{ storage_key: string; mime: string }>(`SELECT storage_key, mime FROM ${t.table} WHERE ${t.owner} = $1 AND id = $2`, [ownerId, photoId])).rows[0];
}

export const photoUrl = (kind: PhotoOwner, ownerId: number, photoId: number) => `/api/${TABLES[kind].url}/${ownerId}/photos/${photoId}`;

/**
 * The columns that point into the photo store: every storage_key or thumb_key column of the
 * schema. Read from pg_catalog rather than information_schema, which hides tables the
 * current role has no privilege on — and a hidden table's photos would look orphaned.
 * Tables other branches add later (case_photos, …) count as soon as they exist.
 */
async function photoColumns(q: Queryable): Promise<{ t: string; c: string }[]> {
  const res = await q.query<{ t: string; c: string }>(
    `SELECT c.relname AS t, a.attname AS c FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
     WHERE a.attname IN ('storage_key', 'thumb_key') AND NOT a.attisdropped AND c.relkind IN ('r', 'p') AND c.relnamespace = current_schema()::regnamespace
     ORDER BY 1, 2`,
  );
  // Deleting files on a wrong picture of the schema cannot be undone: refuse instead.
  if (!res.rows.some((r) => r.c === 'storage_key')) throw new Error('no table with a storage_key column was found; refusing to treat every photo as orphaned');
  for (const { t } of res.rows) if (!/^[a-z_][a-z0-9_]*$/.test(t)) throw new Error(`photo table "${t}" has an unexpected name; refusing to sweep`);
  return res.rows;
}

/**
 * Which of these keys (originals or thumbnails) some row still refers to: one statement per
 * chunk of keys, over every storage_key and thumb_key column.
 */
export async function referencedKeys(q: Queryable, keys: readonly string[]): Promise<Set<string>> {
  const columns = await photoColumns(q);
  // Identifiers cannot be bound; these come from the catalogue and were checked above.
  const sql = columns.map(({ t, c }) => `SELECT ${c} AS k FROM ${t} WHERE ${c} = any($1::text[])`).join(' UNION ');
  const found = new Set<string>();
  for (let i = 0; i < keys.length; i += 5000) {
    for (const r of (await q.query<{ k: string }>(sql, [keys.slice(i, i + 5000)])).rows) found.add(r.k);
  }
  return found;
}
