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
