import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import type { Db, QueryResult, Row, TxQueryable } from './db.types.ts';
import { OID, parseDate, parseInt8 } from './db.shapes.ts';
import { isDbUnavailable } from './db.errors.ts';
import { currentTxParticipant, type TxEnlistment, type TxParticipant } from './tx.participant.ts';

export interface PgOptions {
  connectionString: string;
  poolMax?: number;
  connectionTimeoutMs?: number;
  statementTimeoutMs?: number;
  idleTimeoutMs?: number;
  /** Shown in pg_stat_activity, so operators (and the fault tests) can find this server's sessions. */
  applicationName?: string;
  onIdleError?: (err: Error) => void;
}

/**
 * Session settings for every pooled connection. The app's queries are short and many: JIT
 * compilation cost ~270 ms on a 300 ms map query, and a parallel Gather adds ~40 ms of worker
 * start-up per query while taking the cores other requests need (see bench/RESULTS.md).
 */
export const PG_SESSION_OPTIONS = '-c jit=off -c max_parallel_workers_per_gather=0';

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

/** BEGIN failed because the connection was already dead: nothing of the transaction ran. */
class StaleConnection extends Error {
  constructor(override readonly cause: unknown) {
    super('the pooled connection was dead before the transaction began');
  }
}

export class PgDb implements Db {
  readonly kind = 'postgres' as const;
  private readonly plain: TxQueryable;

  private constructor(
    private readonly pool: pg.Pool,
    /** How long to keep asking whether a COMMIT that lost its connection went through. */
    private readonly commitCheckMs: number,
    private readonly poolMax: number,
  ) {
    this.plain = wrap(pool);
  }

  static async open(opts: PgOptions): Promise<PgDb> {
    const statementTimeout = opts.statementTimeoutMs ?? 15000;
    const connectTimeout = opts.connectionTimeoutMs ?? 5000;
    const pool = new pg.Pool({
      connectionString: opts.connectionString,
      max: opts.poolMax ?? 10,
      // Also bounds the wait for a free client when the pool is exhausted: a request gets a
      // 503 after this long instead of queueing without end.
      connectionTimeoutMillis: connectTimeout,
      // A stuck query must surface as 57014 (→ 503) instead of holding a request forever.
      statement_timeout: statementTimeout,
      // The server-side limit covers a live server; this one covers a server that vanished
      // without closing the socket (network cut), where no answer would ever come.
      query_timeout: statementTimeout + 5000,
      // A handler that hangs inside a transaction must not pin a connection and its locks.
      idle_in_transaction_session_timeout: Math.max(60000, statementTimeout * 4),
      idleTimeoutMillis: opts.idleTimeoutMs ?? 30000,
      // Long-lived backends grow their caches; recycling them keeps a server that runs for years steady.
      maxLifetimeSeconds: 3600,
      keepAlive: true,
      application_name: opts.applicationName ?? 'polewatch',
      options: PG_SESSION_OPTIONS,
      types,
    });
    // An idle client dies when the server restarts or an admin terminates it; without a
    // listener that error would end the process. The pool drops the client and opens a new
    // one at the next request, which is how it recovers after PostgreSQL comes back.
    pool.on('error', (err) => (opts.onIdleError ?? (() => undefined))(err));
    const db = new PgDb(pool, Math.min(10000, connectTimeout * 2), opts.poolMax ?? 10);
    await db.query('select 1'); // fail fast on a wrong URL rather than at the first request
    return db;
  }

  query<R extends object = Row>(sql: string, params?: readonly unknown[]): Promise<QueryResult<R>> {
    return this.plain.query<R>(sql, params);
  }

  async tx<T>(fn: (q: TxQueryable) => Promise<T>): Promise<T> {
    const participant = currentTxParticipant();
    // A pooled connection the server killed while it sat idle can be handed out before the
    // pool hears of its death; BEGIN is then the first to fail. Nothing ran yet, so trying
    // again is safe: each dead one is thrown away, so at most every pooled connection is tried
    // once more before a new one is opened. A terminated idle session then costs no request.
    for (let tries = 0; ; tries++) {
      try {
        return await this.attempt(fn, participant);
      } catch (err) {
        if (!(err instanceof StaleConnection)) throw err;
        if (tries >= this.poolMax) throw err.cause;
      }
    }
  }

  private async attempt<T>(fn: (q: TxQueryable) => Promise<T>, participant: TxParticipant | undefined): Promise<T> {
    const client = await this.pool.connect();
    // A checked-out client has no pool listener: a backend terminated between two statements
    // would emit an unhandled 'error' and crash the process. The statement in flight (or the
    // next one) rejects with the same error, so here it only has to be noted.
    let broken: unknown = null;
    const onError = (err: Error) => {
      broken = err;
    };
    client.on('error', onError);
    let enlisted: TxEnlistment | undefined;
    let committed = false;
    try {
      await client.query('BEGIN').catch((err: unknown) => Promise.reject(isDbUnavailable(err) ? new StaleConnection(err) : err));
      const q = wrap(client);
      enlisted = participant ? await participant.enlist(q) : undefined;
      const out = await fn(q);
      await this.commit(client, enlisted);
      committed = true;
      return out;
    } catch (err) {
      if (isDbUnavailable(err) || err instanceof StaleConnection) broken ??= err;
      if (!broken) await client.query('ROLLBACK').catch((e: unknown) => (broken = e));
      throw err;
    } finally {
      enlisted?.settled(committed);
      client.off('error', onError);
      // A client that saw its connection fail is destroyed, not handed to the next request.
      client.release(broken ? true : undefined);
    }
  }

  /**
   * COMMIT, and when the connection dies with it on the wire, find out whether it took:
   * the enlisted rows (the idempotency key) are part of the transaction, so their presence,
   * asked on a fresh connection, is the answer. Without an enlistment there is nothing to
   * look for and the failure stands (the client gets 503 and may retry).
   */
  private async commit(client: pg.PoolClient, enlisted: TxEnlistment | undefined): Promise<void> {
    try {
      await client.query('COMMIT');
    } catch (err) {
      if (!enlisted || !isDbUnavailable(err)) throw err;
      const deadline = Date.now() + this.commitCheckMs;
      for (;;) {
        try {
          if (await enlisted.isCommitted(this.plain)) return;
          throw err;
        } catch (checkErr) {
          if (checkErr === err || !isDbUnavailable(checkErr) || Date.now() > deadline) throw err;
          await sleep(250);
        }
      }
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
