import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { PUBLIC, roles } from '../http/policy.ts';
import type { OwnershipService } from './ownership.service.ts';

const TAG = { tags: ['ownership'] };

export function ownershipRoutes(app: FastifyInstance, svc: OwnershipService): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get('/api/poles/:id/responsibility', {
    config: { policy: PUBLIC },
    schema: { ...TAG, summary: 'Who must act: the owner, else the firms on the pole, else the city; and who pulls it', params: Type.Object({ id: Type.String({ pattern: '^[1-9][0-9]{0,8}$' }) }) },
  }, async (req) => svc.responsibility(Number(req.params.id)));
  r.get('/api/poles/doubles', {
    config: { policy: roles('officer', 'admin') },
    schema: {
      ...TAG, summary: 'Double-pole candidates: pairs closer than max_m where one replaced the other',
      querystring: Type.Object({ bbox: Type.Optional(Type.String({ maxLength: 120 })), max_m: Type.Optional(Type.String({ maxLength: 3 })), limit: Type.Optional(Type.String({ maxLength: 5 })) }, { additionalProperties: false }),
    },
  }, async (req) => ({ items: await svc.doubles(req.query) }));
}
