import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { roles } from '../http/policy.ts';
import { sendPhoto, uploadedFile } from '../photos/photos.http.ts';
import { contextOf } from '../http/request.context.ts';
import { parseLimit } from '../http/paging.ts';
import type { ClaimService } from './claims.service.ts';

const TAG = { tags: ['ownership'] };
const Id = Type.String({ pattern: '^[1-9][0-9]{0,8}$' });
const Evidence = Type.String({ minLength: 1, maxLength: 2000 });
const Reason = Type.String({ minLength: 2, maxLength: 2000 });

const CreateBody = Type.Object({
  pole_id: Type.Integer({ minimum: 1 }),
  kind: Type.Union([Type.Literal('claim'), Type.Literal('disclaim')]),
  evidence_text: Evidence,
}, { additionalProperties: false });
const BulkBody = Type.Object({
  area: Type.Object({ type: Type.String(), coordinates: Type.Unknown() }, { additionalProperties: false }),
  evidence_text: Evidence,
}, { additionalProperties: false });
const DecisionBody = Type.Object({ decision: Type.Union([Type.Literal('accept'), Type.Literal('reject')]), reason: Reason }, { additionalProperties: false });
const ListQuery = Type.Object({
  status: Type.Optional(Type.Union(['open', 'accepted', 'rejected', 'withdrawn'].map((s) => Type.Literal(s)))),
  pole_id: Type.Optional(Id),
  limit: Type.Optional(Type.String({ maxLength: 4 })),
}, { additionalProperties: false });

export function claimsRoutes(app: FastifyInstance, svc: ClaimService): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const readers = { policy: roles('officer', 'admin', 'carrier') };
  const carriers = { policy: roles('carrier') };
  const city = { policy: roles('officer', 'admin') };

  r.get('/api/claims', { config: readers, schema: { ...TAG, summary: 'Claims: all for officers, your firm’s for carriers', querystring: ListQuery } }, async (req) => ({
    items: await svc.list(req.principal, { status: req.query.status as string | undefined, pole_id: req.query.pole_id ? Number(req.query.pole_id) : undefined, limit: parseLimit(req.query.limit, 200, 1000) }),
  }));
  r.get('/api/claims/:id', { config: readers, schema: { ...TAG, summary: 'One claim with its evidence', params: Type.Object({ id: Id }) } }, async (req) => svc.get(Number(req.params.id), req.principal));
  r.post('/api/claims', { config: carriers, schema: { ...TAG, summary: 'Claim or disclaim a pole for your firm', body: CreateBody } },
    async (req, reply) => reply.status(201).send(await svc.create(req.body, contextOf(req))));
  r.post('/api/claims/bulk', { config: carriers, schema: { ...TAG, summary: 'Claim the orphan poles inside a polygon (capped)', body: BulkBody } },
    async (req, reply) => reply.status(201).send(await svc.bulk(req.body.area as { type: string; coordinates: unknown }, req.body.evidence_text, contextOf(req))));
  r.post('/api/claims/:id/decision', { config: city, schema: { ...TAG, summary: 'Accept or reject a claim, with a reason', params: Type.Object({ id: Id }), body: DecisionBody } },
    async (req) => svc.decide(Number(req.params.id), req.body.decision, req.body.reason, contextOf(req)));
  r.post('/api/claims/:id/withdraw', { config: carriers, schema: { ...TAG, summary: 'Withdraw your firm’s open claim', params: Type.Object({ id: Id }) } },
    async (req) => svc.withdraw(Number(req.params.id), contextOf(req)));

  r.post('/api/claims/:id/photos', { config: readers, schema: { ...TAG, summary: 'Attach one evidence photo (multipart field "file")', params: Type.Object({ id: Id }) } }, async (req, reply) => {
    return reply.status(201).send(await svc.addPhoto(Number(req.params.id), await uploadedFile(req), contextOf(req)));
  });
  r.get('/api/claims/:id/photos/:photoId', { config: readers, schema: { ...TAG, summary: 'An evidence photo (the claiming firm and officers only)', params: Type.Object({ id: Id, photoId: Id }) } }, async (req, reply) => {
    return sendPhoto(reply, await svc.readPhoto(Number(req.params.id), Number(req.params.photoId), req.principal));
  });
}
