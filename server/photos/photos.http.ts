import type { FastifyReply, FastifyRequest } from 'fastify';
import type {} from '@fastify/multipart';
import { badRequest } from '../http/errors.ts';

/** The one uploaded file of a multipart request, size-capped by the multipart plugin. */
export async function uploadedFile(req: FastifyRequest): Promise<Buffer> {
  if (!req.isMultipart()) throw badRequest('multipart_required', 'Send the photo as multipart/form-data in a field named "file".');
  const file = await req.file();
  if (!file) throw badRequest('file_missing', 'No file was sent; use a field named "file".');
  return file.toBuffer();
}

/** Evidence is private: never cached by shared caches, never sniffed into another type. */
export function sendPhoto(reply: FastifyReply, photo: { bytes: Buffer; mime: string }) {
  return reply.type(photo.mime).header('Cache-Control', 'private, max-age=3600').header('X-Content-Type-Options', 'nosniff').send(photo.bytes);
}
