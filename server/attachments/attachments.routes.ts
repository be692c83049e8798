import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { PUBLIC, roles } from '../http/policy.ts';
import { contextOf } from '../http/request.context.ts';
import type { AttachmentService } from './attachments.service.ts';

const TAG = { tags: ['ownership'] };
const Params = Type.Object({ id: Type.String({ pattern: '^[1-9][0-9]{0,8}$' }) });
const Body = Type.Object({
  org: Type.Optional(Type.String({ pattern: '^[a-z][a-z0-9_]{1,31}$' })),
  kind: Type.Union([Type.Literal('fibre'), Type.Literal('copper'), Type.Literal('coax')]),
  cable_count: Type.Integer({ minimum: 1, maximum: 99 }),
  status: Type.Union([Type.Literal('active'), Type.Literal('abandoned'), Type.Literal('removed')]),
}, { additionalProperties: false });

export function attachmentsRoutes(app: FastifyInstance, svc: AttachmentService): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get('/api/poles/:id/attachments', { config: { policy: PUBLIC }, schema: { ...TAG, summary: 'Whose cables hang on a pole', params: Params } },
    async (req) => ({ items: await svc.forPole(Number(req.params.id)) }));
  r.post('/api/poles/:id/attachments', { config: { policy: roles('carrier', 'officer', 'admin') }, schema: { ...TAG, summary: 'Declare (carrier) or record (officer) cables on a pole', params: Params, body: Body } },
    async (req, reply) => {
      const res = await svc.declare(Number(req.params.id), req.body, contextOf(req));
      return reply.status(res.created ? 201 : 200).send(res.item);
    });
}
