import type { FastifyReply, FastifyRequest } from 'fastify';
import type {} from '@fastify/multipart';
import { DomainError, badRequest } from '../http/errors.ts';
import type { DeclaredType } from './photos.validate.ts';

/** The one uploaded file of a multipart request, size-capped by the multipart plugin. */
export async function uploadedFile(req: FastifyRequest): Promise<Buffer> {
  if (!req.isMultipart()) throw badRequest('multipart_required', 'Send the photo as multipart/form-data in a field named "file".');
  const file = await req.file();
  if (!file) throw badRequest('file_missing', 'No file was sent; use a field named "file".');
  return file.toBuffer();
}

export interface UploadedPhoto {
  bytes: Buffer;
  /** What the client called the file; only ever compared with the bytes, never used as a path. */
  declared: DeclaredType;
  fields: Record<string, string>;
}

const size = (bytes: number) => (bytes >= 1024 * 1024 ? `${+(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.floor(bytes / 1024)} KB`);
const tooLarge = (maxBytes: number) =>
  new DomainError('photo_too_large', 413, `The photo is larger than ${size(maxBytes)}, the most that is accepted; send a smaller copy.`, { max_bytes: maxBytes });

/**
 * The photo in field "file" plus the named text fields, in any order (an HTML form sends the
 * fields first, some clients after). The plugin's limits from app.ts (file size, one file, few
 * fields) still apply; a field this route does not know is refused rather than ignored.
 */
export async function uploadedPhotoForm(req: FastifyRequest, fieldNames: readonly string[], maxBytes: number): Promise<UploadedPhoto> {
  if (!req.isMultipart()) throw badRequest('multipart_required', 'Send the photo as multipart/form-data: the file in a field named "file", other values as text fields.');
  const fields: Record<string, string> = {};
  let file: { bytes: Buffer; declared: DeclaredType } | null = null;
  try {
    for await (const part of req.parts({ limits: { fieldSize: 8192 } })) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file') {
          await part.toBuffer().catch(() => undefined);
          throw badRequest('unknown_field', `The photo must be sent in a field named "file", not "${part.fieldname.slice(0, 40)}".`);
        }
        file = { bytes: await part.toBuffer(), declared: { filename: part.filename || null, mimetype: part.mimetype || null } };
      } else {
        if (!fieldNames.includes(part.fieldname)) throw badRequest('unknown_field', `Unknown form field "${part.fieldname.slice(0, 40)}"; this upload takes: file, ${fieldNames.join(', ')}.`);
        if (part.valueTruncated) throw badRequest('field_too_long', `The form field "${part.fieldname}" is too long.`);
        if (Object.hasOwn(fields, part.fieldname)) throw badRequest('duplicate_field', `The form field "${part.fieldname}" was sent twice; send it once.`);
        fields[part.fieldname] = String(part.value);
      }
    }
  } catch (err) {
    if ((err as { code?: unknown }).code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge(maxBytes);
    throw err;
  }
  if (!file) throw badRequest('file_missing', 'No file was sent; use a field named "file".');
  if (file.bytes.length === 0) throw badRequest('file_empty', 'The file is empty.');
  return { ...file, fields };
}

/** Evidence is private: never cached by shared caches, never sniffed into another type. */
export function sendPhoto(reply: FastifyReply, photo: { bytes: Buffer; mime: string }) {
  return reply.type(photo.mime).header('Cache-Control', 'private, max-age=3600').header('X-Content-Type-Options', 'nosniff').send(photo.bytes);
}
