import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { roles } from '../http/policy.ts';
import { contextOf } from '../http/request.context.ts';
import { ROLES } from '../auth/principal.ts';
import type { UserService } from './users.service.ts';

const TAG = { tags: ['admin'] };
const RoleT = Type.Union(ROLES.map((r) => Type.Literal(r)));
const Code = Type.Union([Type.String({ pattern: '^[a-z][a-z0-9_]{1,31}$' }), Type.Null()]);
const District = Type.Union([Type.String({ pattern: '^[A-Z]{2,4}$' }), Type.Null()]);
const Password = Type.String({ minLength: 10, maxLength: 200 });
const DisplayName = Type.String({ minLength: 1, maxLength: 80 });

const CreateBody = Type.Object({
  username: Type.String({ pattern: '^[a-z0-9][a-z0-9._-]{2,39}$' }),
  display_name: DisplayName,
  role: RoleT,
  org: Type.Optional(Code),
  district: Type.Optional(District),
  password: Password,
  is_org_admin: Type.Optional(Type.Boolean()),
}, { additionalProperties: false });

const UpdateBody = Type.Object({
  display_name: Type.Optional(DisplayName),
  role: Type.Optional(RoleT),
  org: Type.Optional(Code),
  district: Type.Optional(District),
  password: Type.Optional(Password),
  is_org_admin: Type.Optional(Type.Boolean()),
  disabled: Type.Optional(Type.Boolean()),
}, { additionalProperties: false, minProperties: 1 });

const IdParams = Type.Object({ id: Type.String({ pattern: '^[1-9][0-9]{0,8}$' }) });

export function usersRoutes(app: FastifyInstance, svc: UserService): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const admin = { policy: roles('admin') };
  r.get('/api/users', { config: admin, schema: { ...TAG, summary: 'All accounts' } }, async () => ({ items: await svc.list() }));
  r.post('/api/users', { config: admin, schema: { ...TAG, summary: 'Create an account', body: CreateBody } }, async (req, reply) =>
    reply.status(201).send(await svc.create(req.body, contextOf(req))),
  );
  r.patch('/api/users/:id', { config: admin, schema: { ...TAG, summary: 'Change an account (disabling or a new password revokes its sessions)', params: IdParams, body: UpdateBody } },
    async (req) => svc.update(Number(req.params.id), req.body, contextOf(req)),
  );
}
