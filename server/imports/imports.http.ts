import type { FastifyRequest } from 'fastify';
import type {} from '@fastify/multipart';
import { badRequest } from '../http/errors.ts';
import type { UploadedImport } from './imports.service.ts';

/**
 * The import file and its form fields, in any order. An import may be far bigger than a photo,
 * so this request gets its own size cap; the multipart plugin still buffers nothing past it
 * (413). The client's file name is kept as a label only, never used as a path.
 */
export async function uploadedImport(req: FastifyRequest, maxBytes: number): Promise<UploadedImport> {
  if (!req.isMultipart()) throw badRequest('multipart_required', 'Send the survey as multipart/form-data: the file in a field named "file", options as other fields.');
  const fields: Record<string, string> = {};
  let file: { bytes: Buffer; filename: string | null } | null = null;
  for await (const part of req.parts({ limits: { fileSize: maxBytes, files: 1, fields: 10, parts: 11, fieldSize: 1024 } })) {
    if (part.type === 'file') {
      if (part.fieldname !== 'file') {
        await part.toBuffer().catch(() => undefined);
        throw badRequest('unknown_field', `The file must be sent in a field named "file", not "${part.fieldname.slice(0, 40)}".`);
      }
      file = { bytes: await part.toBuffer(), filename: part.filename || null };
    } else {
      if (part.valueTruncated) throw badRequest('field_too_long', `The form field "${part.fieldname.slice(0, 40)}" is too long.`);
      fields[part.fieldname] = String(part.value);
    }
  }
  if (!file) throw badRequest('file_missing', 'No file was sent; use a field named "file".');
  if (file.bytes.length === 0) throw badRequest('file_empty', 'The file is empty.');
  return { ...file, fields };
}
