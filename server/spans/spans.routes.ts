import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { PUBLIC } from '../http/policy.ts';
import type { SpanService } from './spans.service.ts';

const S = (n: number) => Type.Optional(Type.String({ maxLength: n }));
const Query = Type.Object({ bbox: S(120), status: S(40), org: S(200), limit: S(6), cursor: S(24) }, { additionalProperties: false });

export function spansRoutes(app: FastifyInstance, svc: SpanService): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get('/api/spans', { config: { policy: PUBLIC }, schema: { tags: ['ownership'], summary: 'Cable spans between poles (GeoJSON), by bbox, status and firm, paged', querystring: Query } }, async (req, reply) => {
    const page = await svc.list(req.query);
    return reply.type('application/geo+json; charset=utf-8')
      .send(`{"type":"FeatureCollection","numberReturned":${page.count},"limit":${page.limit},"next":${JSON.stringify(page.next)},"features":${page.features}}`);
  });
}
