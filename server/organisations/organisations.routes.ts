import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { PUBLIC, roles } from '../http/policy.ts';
import { contextOf } from '../http/request.context.ts';
import type { OrganisationService } from './organisations.service.ts';

const TAG = { tags: ['reference'] };
const Name = Type.String({ minLength: 1, maxLength: 80 });
// The registered name documents name the party by (e.g. 中国联合网络通信有限公司聊城市分公司).
const LegalName = Type.Union([Type.String({ minLength: 2, maxLength: 120 }), Type.Null()]);
const Colour = Type.Union([Type.String({ pattern: '^#[0-9a-f]{6}$' }), Type.Null()]);
const District = Type.Union([Type.String({ pattern: '^[A-Z]{2,4}$' }), Type.Null()]);
const CreateBody = Type.Object({
  code: Type.String({ pattern: '^[a-z][a-z0-9_]{1,31}$' }),
  name_zh: Name,
  legal_name_zh: Type.Optional(LegalName),
  name_en: Name,
  kind: Type.Union([Type.Literal('carrier'), Type.Literal('enforcement'), Type.Literal('district_office'), Type.Literal('housing'), Type.Literal('other')]),
  colour: Type.Optional(Colour),
  district: Type.Optional(District),
}, { additionalProperties: false });
const PatchBody = Type.Object({
  name_zh: Type.Optional(Name), legal_name_zh: Type.Optional(LegalName), name_en: Type.Optional(Name), colour: Type.Optional(Colour), district: Type.Optional(District),
}, { additionalProperties: false, minProperties: 1 });
const IdParams = Type.Object({ id: Type.String({ pattern: '^[1-9][0-9]{0,8}$' }) });

export function organisationsRoutes(app: FastifyInstance, svc: OrganisationService): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get('/api/organisations', { config: { policy: PUBLIC }, schema: { ...TAG, summary: 'Carriers, the enforcement bureau and district offices' } }, async () => ({
    items: await svc.list(),
  }));
  r.post('/api/organisations', { config: { policy: roles('admin') }, schema: { ...TAG, summary: 'Add an organisation', body: CreateBody } },
    async (req, reply) => reply.status(201).send(await svc.create(req.body, contextOf(req))),
  );
  r.patch('/api/organisations/:id', { config: { policy: roles('admin') }, schema: { ...TAG, summary: 'Rename or recolour an organisation', params: IdParams, body: PatchBody } },
    async (req) => svc.update(Number(req.params.id), req.body, contextOf(req)),
  );
}
