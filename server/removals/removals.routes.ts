import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { roles } from '../http/policy.ts';
import { contextOf } from '../http/request.context.ts';
import { sendPhoto, uploadedFile } from '../photos/photos.http.ts';
import type { RemovalService } from './removals.service.ts';

const TAG = { tags: ['campaign'] };
const Id = Type.String({ pattern: '^[1-9][0-9]{0,8}$' });
const Params = Type.Object({ id: Id });
const S = (n: number) => Type.Optional(Type.String({ maxLength: n }));
const RecordBody = Type.Object({
  pole_id: Type.Integer({ minimum: 1 }),
  removed_on: Type.String({ maxLength: 10 }),
  org: Type.Optional(Type.String({ pattern: '^[a-z][a-z0-9_]{1,31}$' })),
  note: Type.Optional(Type.Union([Type.String({ maxLength: 2000 }), Type.Null()])),
}, { additionalProperties: false });
const ListQuery = Type.Object({
  status: Type.Optional(Type.Union([Type.Literal('recorded'), Type.Literal('verified'), Type.Literal('voided')])),
  from: S(10), to: S(10), limit: S(5), cursor: S(12),
  pole_id: Type.Optional(Id),
}, { additionalProperties: false });

export function removalsRoutes(app: FastifyInstance, svc: RemovalService): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const signedIn = { policy: roles('admin', 'officer', 'planner', 'carrier', 'viewer') };
  const recorders = { policy: roles('officer', 'admin', 'carrier') };
  const city = { policy: roles('officer', 'admin') };
  r.get('/api/removals', { config: signedIn, schema: { ...TAG, summary: 'Recorded removals, newest first', querystring: ListQuery } }, async (req) => svc.list(req.query));
  r.get('/api/removals/:id', { config: signedIn, schema: { ...TAG, summary: 'One removal with its evidence', params: Params } }, async (req) => svc.get(Number(req.params.id)));
  r.post('/api/removals', { config: recorders, schema: { ...TAG, summary: 'Record that a pole was pulled (date, who did it, note)', body: RecordBody } },
    async (req, reply) => reply.status(201).send(await svc.record(req.body, contextOf(req))));
  r.post('/api/removals/:id/verify', { config: city, schema: { ...TAG, summary: 'An officer confirms a recorded removal', params: Params } },
    async (req) => svc.verify(Number(req.params.id), contextOf(req)));
  r.post('/api/removals/:id/void', {
    config: city,
    schema: { ...TAG, summary: 'Correct a wrongly recorded removal (kept, voided with a reason; the pole returns)', params: Params, body: Type.Object({ reason: Type.String({ minLength: 2, maxLength: 2000 }) }, { additionalProperties: false }) },
  }, async (req) => svc.void(Number(req.params.id), req.body.reason, contextOf(req)));
  r.post('/api/removals/:id/photos', { config: recorders, schema: { ...TAG, summary: 'Attach one evidence photo (multipart field "file")', params: Params } },
    async (req, reply) => reply.status(201).send(await svc.addPhoto(Number(req.params.id), await uploadedFile(req), contextOf(req))));
  r.get('/api/removals/:id/photos/:photoId', { config: signedIn, schema: { ...TAG, summary: 'A removal evidence photo', params: Type.Object({ id: Id, photoId: Id }) } },
    async (req, reply) => sendPhoto(reply, await svc.readPhoto(Number(req.params.id), Number(req.params.photoId))));
}
