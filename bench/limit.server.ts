/**
 * "The limit": the least a server can do to answer the viewport request — node:http, a pg Pool
 * and the product's own SQL (poles.repo listFeatures, same session options), the SQL-built
 * GeoJSON written out untouched. No framework, no auth, no validation beyond the bbox, no logging.
 * What polewatch loses against it is the cost of everything else it does per request.
 *   PORT=3481 DATABASE_URL=postgres://… npx tsx bench/limit.server.ts
 */
import http from 'node:http';
import pg from 'pg';
import type { Queryable, QueryResult } from '../server/db/db.types.ts';
import { PG_SESSION_OPTIONS } from '../server/db/pg.db.ts';
import { listFeatures } from '../server/poles/poles.repo.ts';
import { parsePoleFilter } from '../server/poles/poles.filters.ts';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.DB_POOL_MAX ?? 10), options: PG_SESSION_OPTIONS });
const q: Queryable = {
  async query<R extends object>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<R>> {
    const res = await pool.query<R>(sql, params as unknown[]);
    return { rows: res.rows, rowCount: res.rowCount ?? 0 };
  },
};
const LIMIT = 5000;

const server = http.createServer((req, res) => {
  const u = new URL(req.url ?? '/', 'http://limit');
  if (u.pathname !== '/poles') {
    res.writeHead(404).end();
    return;
  }
  let filter;
  try {
    filter = parsePoleFilter({ bbox: u.searchParams.get('bbox') ?? undefined });
  } catch {
    res.writeHead(400).end('bad bbox');
    return;
  }
  listFeatures(q, filter, 0, LIMIT).then(
    (page) => {
      res.writeHead(200, { 'content-type': 'application/geo+json' });
      res.end(`{"type":"FeatureCollection","features":${page.features}}`);
    },
    (err: Error) => res.writeHead(500).end(err.message),
  );
});
server.listen(Number(process.env.PORT ?? 3481), '127.0.0.1', () => console.log(`limit listening on ${process.env.PORT ?? 3481}`));
process.on('SIGTERM', () => {
  server.close();
  void pool.end().then(() => process.exit(0));
});
