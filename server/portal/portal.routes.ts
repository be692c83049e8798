import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Db } from '../db/db.types.ts';
import type { Config } from '../config/config.ts';
import { roles } from '../http/policy.ts';
import { parseLimit } from '../http/paging.ts';
import { featuresByIds } from '../poles/poles.repo.ts';
import { poleIds, type PortalScope } from './portal.repo.ts';

const Query = Type.Object({
  scope: Type.Union([Type.Literal('owned'), Type.Literal('attached'), Type.Literal('orphans_near')]),
  limit: Type.Optional(Type.String({ maxLength: 5 })),
}, { additionalProperties: false });

/**
 * The carrier's own views. The firm always comes from the caller, never from a parameter,
 * so there is nothing to check beyond the role: a portal only ever shows its own firm.
 */
export function portalRoutes(app: FastifyInstance, db: Db, config: Config): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get('/api/portal/poles', { config: { policy: roles('carrier') }, schema: { tags: ['ownership'], summary: 'My poles / poles my cables hang on / orphan poles near my network', querystring: Query } }, async (req, reply) => {
    const ids = await poleIds(db, req.query.scope as PortalScope, req.principal.orgId!, config.ownership.orphansNearM, parseLimit(req.query.limit, 2000, 5000));
    const features = await featuresByIds(db, ids);
    return reply.type('application/geo+json; charset=utf-8').send(`{"type":"FeatureCollection","numberReturned":${ids.length},"features":${features}}`);
  });
}
