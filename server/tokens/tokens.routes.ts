import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { roles } from '../http/policy.ts';
import { contextOf } from '../http/request.context.ts';
import type { TokenService } from './tokens.service.ts';

const TAG = { tags: ['admin'] };
const CreateBody = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 80 }),
  org: Type.String({ pattern: '^[a-z][a-z0-9_]{1,31}$' }),
  role: Type.Union([Type.Literal('carrier'), Type.Literal('viewer')]),
  expires_in_days: Type.Optional(Type.Integer({ minimum: 1, maximum: 3650 })),
}, { additionalProperties: false });
const IdParams = Type.Object({ id: Type.String({ pattern: '^[1-9][0-9]{0,8}$' }) });

/** Carriers reach these routes, but the service admits only their firm's administrator. */
export function tokensRoutes(app: FastifyInstance, svc: TokenService): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const who = { policy: roles('admin', 'carrier') };
  r.get('/api/tokens', { config: who, schema: { ...TAG, summary: 'API tokens (all, or your firm’s)' } }, async (req) => ({ items: await svc.list(req.principal) }));
  // Not replayable: the secret is shown once and stored only as a hash, so it must not be kept
  // in the idempotency store either. A retry issues a second token; revoke the one you lost.
  r.post('/api/tokens', { config: { ...who, idempotency: false }, schema: { ...TAG, summary: 'Issue an API token; the secret is in this response only', body: CreateBody } },
    async (req, reply) => reply.status(201).send(await svc.create(req.body, contextOf(req))),
  );
  r.delete('/api/tokens/:id', { config: who, schema: { ...TAG, summary: 'Revoke an API token', params: IdParams } },
    async (req) => svc.revoke(Number(req.params.id), contextOf(req)),
  );
}
