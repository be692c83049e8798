import pg from 'pg';
import type { Db, QueryResult, Row, TxQueryable } from './db.types.ts';
import { OID, parseDate, parseInt8 } from './db.shapes.ts';

export interface PgOptions {
  connectionString: string;
  poolMax?: number;
  connectionTimeoutMs?: number;
  statementTimeoutMs?: number;
  onIdleError?: (err: Error) => void;
}

// A per-pool type set, so we never mutate node-postgres's global parsers.
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === OID.int8) return parseInt8;
    if (oid === OID.date) return parseDate;
    return pg.types.getTypeParser(oid, format);
  },
} as pg.CustomTypesConfig;

function wrap(client: pg.Pool | pg.PoolClient): TxQueryable {
  return {
    async exec(sql: string): Promise<void> {
      await client.query(sql);
    },
    async query<R extends object>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<R>> {
      const res = await client.query<R>(sql, params as unknown[]);
      return { rows: res.rows, rowCount: res.rowCount ?? res.rows.length };
    },
  };
}

export class PgDb implements Db {
  readonly kind = 'postgres' as const;
  private readonly plain: TxQueryable;

  private constructor(private readonly pool: pg.Pool) {
    this.plain = wrap(pool);
  }

  static async open(opts: PgOptions): Promise<PgDb> {
    const pool = new pg.Pool({
      connectionString: opts.connectionString,
      max: opts.poolMax ?? 10,
      connectionTimeoutMillis: opts.connectionTimeoutMs ?? 5000,
      // A stuck query must surface as 57014 (→ 503) instead of holding a request forever.
      statement_timeout: opts.statementTimeoutMs ?? 15000,
      idleTimeoutMillis: 30000,
      types,
    });
    // An idle client can die when the server restarts; without a listener that kills the process.
    pool.on('error', (err) => (opts.onIdleError ?? (() => undefined))(err));
    const db = new PgDb(pool);
    await db.query('select 1'); // fail fast on a wrong URL rather than at the first request
    return db;
  }

  query<R extends object = Row>(sql: string, params?: readonly unknown[]): Promise<QueryResult<R>> {
    return this.plain.query<R>(sql, params);
  }

  async tx<T>(fn: (q: TxQueryable) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const out = await fn(wrap(client));
      await client.query('COMMIT');
      return out;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
