import type { Queryable } from '../db/db.types.ts';
import type { CasePole, Flag } from './evidence.verify.ts';
import type { Purpose } from './evidence.access.ts';

export interface CasePhotoRow {
  id: number;
  case_id: number;
  purpose: Purpose;
  pole_id: number | null;
  sha256: string;
  mime: string;
  bytes: number;
  width: number;
  height: number;
  storage_key: string;
  thumb_key: string;
  taken_at: Date | null;
  lng: number | null;
  lat: number | null;
  distance_m: number | null;
  flags: Flag[];
  verified: boolean;
  note: string | null;
  created_by: string;
  created_at: Date;
}

export interface NewCasePhoto {
  caseId: number;
  purpose: Purpose;
  poleId: number | null;
  sha256: string;
  mime: string;
  bytes: number;
  width: number;
  height: number;
  storageKey: string;
  thumbKey: string;
  takenAt: Date | null;
  lng: number | null;
  lat: number | null;
  distanceM: number | null;
  flags: Flag[];
  exif: Record<string, unknown>;
  note: string | null;
  createdBy: string;
}

const SELECT = `SELECT id, case_id, purpose, pole_id, sha256, mime, bytes, width, height, storage_key, thumb_key, taken_at,
    ST_X(location) AS lng, ST_Y(location) AS lat, distance_m, flags, verified, note, created_by, created_at
  FROM case_photos`;

/** Every pole of the case with its distance (on the geography) from the photo's position, if it has one. */
export async function casePoleDistances(q: Queryable, caseId: number, lng: number | null, lat: number | null): Promise<CasePole[]> {
  return (await q.query<CasePole>(
    `SELECT cp.pole_id,
            CASE WHEN $2::float8 IS NULL OR $3::float8 IS NULL THEN NULL
                 ELSE ST_Distance(p.geom::geography, ST_SetSRID(ST_MakePoint($2::float8, $3::float8), 4326)::geography) END AS distance_m
       FROM case_poles cp JOIN poles p ON p.id = cp.pole_id
      WHERE cp.case_id = $1 ORDER BY cp.pole_id`,
    [caseId, lng, lat],
  )).rows;
}

export async function insert(q: Queryable, p: NewCasePhoto): Promise<number> {
  const res = await q.query<{ id: number }>(
    `INSERT INTO case_photos (case_id, purpose, pole_id, sha256, mime, bytes, width, height, storage_key, thumb_key, taken_at,
                              location, distance_m, flags, exif, note, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11,
             CASE WHEN $12::float8 IS NULL THEN NULL ELSE ST_SetSRID(ST_MakePoint($12::float8, $13::float8), 4326) END,
             $14, $15::text[], $16::jsonb, $17, $18)
     RETURNING id`,
    [p.caseId, p.purpose, p.poleId, p.sha256, p.mime, p.bytes, p.width, p.height, p.storageKey, p.thumbKey, p.takenAt,
      p.lng, p.lat, p.distanceM, p.flags, JSON.stringify(p.exif), p.note, p.createdBy],
  );
  return res.rows[0]!.id;
}

export async function listForCase(q: Queryable, caseId: number): Promise<CasePhotoRow[]> {
  return (await q.query<CasePhotoRow>(`${SELECT} WHERE case_id = $1 ORDER BY id`, [caseId])).rows;
}

export async function byId(q: Queryable, caseId: number, photoId: number): Promise<CasePhotoRow | undefined> {
  return (await q.query<CasePhotoRow>(`${SELECT} WHERE case_id = $1 AND id = $2`, [caseId, photoId])).rows[0];
}
