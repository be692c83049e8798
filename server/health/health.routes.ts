import type { FastifyInstance } from 'fastify';
import type { Db } from '../db/db.types.ts';
import { PUBLIC } from '../http/policy.ts';

/**
 * Three probes: /api/health for people (back end and PostGIS version), /live for a process
 * supervisor (the process answers; the database is not consulted, so a database outage does
 * not get the server restarted in a loop), /ready for a load balancer (send traffic only when
 * the database answers).
 */
export function healthRoutes(app: FastifyInstance, db: Db): void {
  const probe = async () => (await db.query<{ v: string }>('SELECT postgis_lib_version() AS v')).rows[0]!.v;
  const cfg = (summary: string) => ({ config: { policy: PUBLIC }, schema: { tags: ['health'], summary } });

  app.get('/api/health', cfg('Status, the back end in use and its PostGIS version'), async (_req, reply) => {
    try {
      return { status: 'ok', db: db.kind, postgis: await probe() };
    } catch {
      return reply.status(503).header('Retry-After', '5').send({ status: 'unavailable', db: db.kind, postgis: null });
    }
  });

  app.get('/api/health/live', cfg('Liveness: the process is up (does not touch the database)'), async () => ({ status: 'ok' }));

  app.get('/api/health/ready', cfg('Readiness: the database answers'), async (_req, reply) => {
    try {
      await probe();
      return { status: 'ready' };
    } catch {
      return reply.status(503).header('Retry-After', '5').send({ status: 'not_ready', error: { code: 'database_unavailable', message: 'The database is not answering; try again shortly.' } });
    }
  });
}
