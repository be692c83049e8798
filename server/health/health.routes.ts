import type { FastifyInstance } from 'fastify';
import type { Db } from '../db/db.types.ts';
import { PUBLIC } from '../http/policy.ts';

export function healthRoutes(app: FastifyInstance, db: Db): void {
  app.get('/api/health', { config: { policy: PUBLIC }, schema: { tags: ['health'], summary: 'Liveness, the back end in use and its PostGIS version' } }, async (_req, reply) => {
    try {
      const res = await db.query<{ v: string }>('SELECT postgis_lib_version() AS v');
      return { status: 'ok', db: db.kind, postgis: res.rows[0]!.v };
    } catch {
      return reply.status(503).header('Retry-After', '5').send({ status: 'unavailable', db: db.kind, postgis: null });
    }
  });
}
