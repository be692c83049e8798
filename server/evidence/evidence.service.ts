import type { Db } from '../db/db.types.ts';
import type { Config } from '../config/config.ts';
import { notFound, unprocessable } from '../http/errors.ts';
import type { RequestContext } from '../http/request.context.ts';
import { actorLabel, type Principal } from '../auth/principal.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { checkImage, type DeclaredType } from '../photos/photos.validate.ts';
import type { PhotoStore } from '../photos/photos.store.ts';
import { caseFacts } from './evidence.cases.ts';
import { PURPOSES, checkUpload, visibleCase, type Purpose } from './evidence.access.ts';
import { readExif } from './evidence.exif.ts';
import { makeThumbnail } from './evidence.thumbs.ts';
import { choosePole, flagsFor } from './evidence.verify.ts';
import * as repo from './evidence.repo.ts';

/** The text fields an upload may carry besides the file. */
export const PHOTO_FIELDS = ['pole_id', 'purpose', 'note'] as const;

/** An uploaded photo as the route hands it over: the bytes, what the client called them, the text fields. */
export interface PhotoUpload {
  bytes: Buffer;
  declared: DeclaredType;
  fields: Record<string, string>;
}

interface PhotoInput {
  poleId: number | null;
  purpose: Purpose;
  note: string | null;
}

/** Form fields arrive as text and are not covered by a TypeBox schema, so they are checked here. */
function parseFields(f: Record<string, string>): PhotoInput {
  const pole = f.pole_id?.trim();
  if (pole !== undefined && pole !== '' && !/^[1-9]\d{0,8}$/.test(pole)) throw unprocessable('invalid_pole_id', 'pole_id must be the id (a positive whole number) of one of the case’s poles.');
  const purpose = f.purpose?.trim() || 'evidence';
  if (!(PURPOSES as readonly string[]).includes(purpose)) throw unprocessable('invalid_purpose', `purpose must be one of: ${PURPOSES.join(', ')}.`);
  const note = f.note ?? '';
  if ([...note].length > 2000) throw unprocessable('note_too_long', 'The note may be at most 2000 characters.');
  return { poleId: pole ? Number(pole) : null, purpose: purpose as Purpose, note: note.trim() === '' ? null : note };
}

const round = (x: number | null, digits: number) => (x === null ? null : Math.round(x * 10 ** digits) / 10 ** digits);
const photoUrl = (caseId: number, photoId: number) => `/api/cases/${caseId}/photos/${photoId}`;

/** The API's CasePhoto: storage keys and raw EXIF stay on the server. */
function view(r: repo.CasePhotoRow) {
  return {
    id: r.id, purpose: r.purpose, pole_id: r.pole_id, sha256: r.sha256, mime: r.mime, bytes: r.bytes, width: r.width, height: r.height,
    taken_at: r.taken_at, lng: round(r.lng, 7), lat: round(r.lat, 7), distance_m: round(r.distance_m, 1), verified: r.verified, flags: r.flags,
    note: r.note, created_by: r.created_by, created_at: r.created_at,
    url: photoUrl(r.case_id, r.id), thumb_url: `${photoUrl(r.case_id, r.id)}/thumb`,
  };
}
export type CasePhoto = ReturnType<typeof view>;

export class EvidenceService {
  constructor(
    private readonly db: Db,
    private readonly config: Config,
    private readonly photos: PhotoStore,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * Everything that can refuse the photo runs before anything is written; then the original
   * and its thumbnail are made durable, and only then is the row committed with its audit
   * entry, so a committed row always has its file (a crash in between leaves only an orphan file).
   */
  async upload(caseId: number, form: PhotoUpload, ctx: RequestContext): Promise<CasePhoto> {
    const p = ctx.principal;
    const input = parseFields(form.fields);
    const facts = visibleCase(p, caseId, await caseFacts(this.db, caseId));
    checkUpload(p, facts, input.purpose);
    const maxPixels = this.config.photos.maxPixels;
    const img = await checkImage(form.bytes, maxPixels, form.declared);
    const exif = await readExif(form.bytes);
    const thumb = await makeThumbnail(form.bytes, maxPixels);
    const pole = choosePole(await repo.casePoleDistances(this.db, caseId, exif.lng, exif.lat), input.poleId);
    const stored = await this.photos.put(form.bytes, img.mime);
    const { key: thumbKey } = await this.photos.putThumb(stored.sha256, thumb);
    return this.db.tx(async (q) => {
      // The case may have moved on while the photo was being read; decide on its state as locked now.
      const locked = visibleCase(p, caseId, await caseFacts(q, caseId, true));
      checkUpload(p, locked, input.purpose);
      const distanceM = exif.lng === null ? null : pole?.distance_m ?? null;
      const flags = flagsFor({ located: exif.lng !== null, distanceM, takenAt: exif.takenAt, caseCreatedAt: locked.createdAt, now: this.now() });
      const id = await repo.insert(q, {
        caseId, purpose: input.purpose, poleId: pole?.pole_id ?? null, sha256: stored.sha256, mime: img.mime, bytes: form.bytes.length,
        width: img.width, height: img.height, storageKey: stored.key, thumbKey, takenAt: exif.takenAt, lng: exif.lng, lat: exif.lat,
        distanceM, flags, exif: exif.raw, note: input.note, createdBy: actorLabel(p),
      });
      const row = (await repo.byId(q, caseId, id))!;
      await recordAudit(q, ctx, {
        action: 'case.photo', entityType: 'case', entityId: caseId,
        after: { photo_id: id, purpose: row.purpose, sha256: row.sha256, mime: row.mime, bytes: row.bytes, pole_id: row.pole_id, distance_m: row.distance_m, flags: row.flags },
      });
      return view(row);
    });
  }

  async list(caseId: number, p: Principal): Promise<{ items: CasePhoto[] }> {
    visibleCase(p, caseId, await caseFacts(this.db, caseId));
    return { items: (await repo.listForCase(this.db, caseId)).map(view) };
  }

  async original(caseId: number, photoId: number, p: Principal): Promise<{ bytes: Buffer; mime: string }> {
    const ph = await this.photo(caseId, photoId, p);
    return { bytes: await this.photos.read(ph.storage_key), mime: ph.mime };
  }

  async thumbnail(caseId: number, photoId: number, p: Principal): Promise<{ bytes: Buffer; mime: string }> {
    const ph = await this.photo(caseId, photoId, p);
    return { bytes: await this.photos.read(ph.thumb_key), mime: 'image/jpeg' };
  }

  private async photo(caseId: number, photoId: number, p: Principal): Promise<repo.CasePhotoRow> {
    visibleCase(p, caseId, await caseFacts(this.db, caseId));
    const ph = await repo.byId(this.db, caseId, photoId);
    if (!ph) throw notFound(`Photo ${photoId} of case ${caseId}`);
    return ph;
  }
}
