import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Db } from '../db/db.types.ts';
import type { Config } from '../config/config.ts';
import { PUBLIC } from '../http/policy.ts';
import { badRequest } from '../http/errors.ts';
import { parseBbox } from '../http/bbox.ts';
import { parseLimit } from '../http/paging.ts';
import { listFeatures } from './spans.repo.ts';

const STATUSES = ['overhead', 'buried', 'removed'];
const S = (n: number) => Type.Optional(Type.String({ maxLength: n }));
const Query = Type.Object({ bbox: S(120), status: S(40), org: S(200), limit: S(6), cursor: S(24) }, { additionalProperties: false });

const list = (raw: string | undefined, allowed: RegExp, name: string): string[] | null => {
  if (!raw) return null;
  const values = raw.split(',');
  for (const v of values) if (!allowed.test(v)) throw badRequest('invalid_filter', `Unknown ${name} value "${v}".`);
  return values;
};

/**
 * Overhead, buried and removed cable spans for the map. Plain reads with parameter checks
 * only, so the route calls the repo directly; the cursor is the last id seen.
 */
export function spansRoutes(app: FastifyInstance, db: Db, config: Config): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get('/api/spans', { config: { policy: PUBLIC }, schema: { tags: ['ownership'], summary: 'Cable spans between poles (GeoJSON), by bbox, status and firm, paged', querystring: Query } }, async (req, reply) => {
    const q = req.query;
    const statuses = list(q.status, /^(overhead|buried|removed)$/, 'status') ?? STATUSES.slice(0, 2);
    const orgs = list(q.org, /^[a-z][a-z0-9_]{1,31}$/, 'org');
    if (q.cursor !== undefined && !/^\d{1,10}$/.test(q.cursor)) throw badRequest('invalid_cursor', 'The paging cursor is not one this server handed out.');
    const limit = parseLimit(q.limit, config.poles.defaultLimit, config.poles.maxLimit);
    const page = await listFeatures(db, q.bbox ? parseBbox(q.bbox) : null, statuses, orgs, Number(q.cursor ?? 0), limit);
    return reply.type('application/geo+json; charset=utf-8')
      .send(`{"type":"FeatureCollection","numberReturned":${page.count},"limit":${limit},"next":${page.lastId === null ? 'null' : `"${page.lastId}"`},"features":${page.features}}`);
  });
}
