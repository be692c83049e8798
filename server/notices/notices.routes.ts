import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { roles } from '../http/policy.ts';
import { contextOf } from '../http/request.context.ts';
import { parseLimit } from '../http/paging.ts';
import type { NoticeService } from './notices.service.ts';

const TAG = { tags: ['ownership'] };
const Body = Type.Object({
  pole_ids: Type.Optional(Type.Array(Type.Integer({ minimum: 1 }), { minItems: 1, maxItems: 5000 })),
  area: Type.Optional(Type.Object({ type: Type.String(), coordinates: Type.Unknown() }, { additionalProperties: false })),
  days: Type.Optional(Type.Integer({ minimum: 1, maximum: 365 })),
}, { additionalProperties: false });
const ListQuery = Type.Object({
  status: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('lapsed'), Type.Literal('cancelled')])),
  limit: Type.Optional(Type.String({ maxLength: 5 })),
}, { additionalProperties: false });

export function noticesRoutes(app: FastifyInstance, svc: NoticeService): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const city = { policy: roles('officer', 'admin') };
  r.post('/api/notices', { config: city, schema: { ...TAG, summary: 'Put orphan poles under public notice (by id or drawn area)', body: Body } },
    async (req, reply) => reply.status(201).send(await svc.create(req.body as Parameters<NoticeService['create']>[0], contextOf(req))));
  r.get('/api/notices', { config: city, schema: { ...TAG, summary: 'Public notices on orphan poles', querystring: ListQuery } },
    async (req) => ({ items: await svc.list(req.query.status ?? null, parseLimit(req.query.limit, 500, 5000)) }));
  r.post('/api/jobs/notices/run', { config: { policy: roles('admin') }, schema: { ...TAG, summary: 'Run the notice job now (idempotent)' } },
    async (req) => svc.lapseDue(contextOf(req)));
}
