import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { roles } from '../http/policy.ts';
import { contextOf } from '../http/request.context.ts';
import { sendPhoto, uploadedPhotoForm } from '../photos/photos.http.ts';
import { PHOTO_FIELDS, type EvidenceService } from './evidence.service.ts';

const TAG = { tags: ['cases'] };
const Id = Type.String({ pattern: '^[1-9][0-9]{0,8}$' });
const CaseParams = Type.Object({ id: Id });
const PhotoParams = Type.Object({ id: Id, photoId: Id });

export function evidenceRoutes(app: FastifyInstance, svc: EvidenceService, maxPhotoBytes: number): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  // Which case a carrier may see, and what it may add, is decided per case in the service.
  const readers = { policy: roles('admin', 'officer', 'viewer', 'carrier') };
  const uploaders = { policy: roles('admin', 'officer', 'carrier') };
  r.post('/api/cases/:id/photos', {
    config: uploaders,
    schema: { ...TAG, summary: 'Add a photo to a case (multipart: file, optional pole_id, purpose evidence|correction_proof, note)', params: CaseParams },
  }, async (req, reply) => reply.status(201).send(await svc.upload(Number(req.params.id), await uploadedPhotoForm(req, PHOTO_FIELDS, maxPhotoBytes), contextOf(req))));
  r.get('/api/cases/:id/photos', { config: readers, schema: { ...TAG, summary: 'The photos of a case with their verification flags', params: CaseParams } },
    async (req) => svc.list(Number(req.params.id), req.principal));
  r.get('/api/cases/:id/photos/:photoId', { config: readers, schema: { ...TAG, summary: 'A case photo, the original bytes exactly as uploaded', params: PhotoParams } },
    async (req, reply) => sendPhoto(reply, await svc.original(Number(req.params.id), Number(req.params.photoId), req.principal)));
  r.get('/api/cases/:id/photos/:photoId/thumb', { config: readers, schema: { ...TAG, summary: 'A case photo’s JPEG thumbnail (at most 320 px, upright)', params: PhotoParams } },
    async (req, reply) => sendPhoto(reply, await svc.thumbnail(Number(req.params.id), Number(req.params.photoId), req.principal)));
}
