import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { roles } from '../http/policy.ts';
import type { AuditService } from './audit.service.ts';

const TAG = { tags: ['admin'] };
const S = (maxLength: number) => Type.Optional(Type.String({ maxLength }));
const ListQuery = Type.Object(
  { entity_type: S(40), entity_id: S(40), actor: S(80), action: S(60), from: S(40), to: S(40), limit: S(4), cursor: S(20) },
  { additionalProperties: false },
);

export function auditRoutes(app: FastifyInstance, svc: AuditService): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get('/api/audit', { config: { policy: roles('admin') }, schema: { ...TAG, summary: 'The audit log, newest first, filtered', querystring: ListQuery } },
    async (req) => svc.list(req.query),
  );
  r.get('/api/audit/verify', { config: { policy: roles('admin') }, schema: { ...TAG, summary: 'Walk the hash chain; names the first broken row' } },
    async () => svc.verify(),
  );
}
