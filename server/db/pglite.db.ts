import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { postgis } from '@electric-sql/pglite-postgis';
import type { Db, QueryResult, Row, TxQueryable } from './db.types.ts';
import { OID, parseDate, parseInt8 } from './db.shapes.ts';
import { currentTxParticipant, type TxEnlistment } from './tx.participant.ts';

export interface PgliteOptions {
  /** A directory to persist into; undefined keeps the database in memory (tests). */
  dataDir?: string;
  /** A tarball produced by dumpDataDir, to start from a prepared database. */
  loadDataDir?: Blob;
}

type PgliteWithPostgis = Awaited<ReturnType<typeof openRaw>>;

async function openRaw(opts: PgliteOptions) {
  if (opts.dataDir) mkdirSync(opts.dataDir, { recursive: true });
  return PGlite.create(opts.dataDir, {
    extensions: { postgis },
    loadDataDir: opts.loadDataDir,
    parsers: { [OID.int8]: parseInt8, [OID.date]: parseDate },
  });
}

function wrap(q: Pick<PgliteWithPostgis, 'query' | 'exec'>): TxQueryable {
  return {
    async exec(sql: string): Promise<void> {
      await q.exec(sql);
    },
    async query<R extends object>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<R>> {
      const res = await q.query<R>(sql, params as unknown[]);
      return { rows: res.rows, rowCount: res.affectedRows ?? res.rows.length };
    },
  };
}

export class PgliteDb implements Db {
  readonly kind = 'pglite' as const;
  private readonly plain: TxQueryable;

  private constructor(private readonly pg: PgliteWithPostgis) {
    this.plain = wrap(pg);
  }

  static async open(opts: PgliteOptions = {}): Promise<PgliteDb> {
    return new PgliteDb(await openRaw(opts));
  }

  query<R extends object = Row>(sql: string, params?: readonly unknown[]): Promise<QueryResult<R>> {
    return this.plain.query<R>(sql, params);
  }

  async tx<T>(fn: (q: TxQueryable) => Promise<T>): Promise<T> {
    // Taken before the transaction queues behind others, so it is this request's participant.
    const participant = currentTxParticipant();
    let enlisted: TxEnlistment | undefined;
    let committed = false;
    try {
      const out = await this.pg.transaction(async (t) => {
        const q = wrap(t);
        enlisted = participant ? await participant.enlist(q) : undefined;
        return fn(q);
      });
      committed = true;
      return out;
    } finally {
      // In-process: COMMIT cannot lose a connection, so its outcome is always known here.
      enlisted?.settled(committed);
    }
  }

  /** A compressed snapshot of the whole data directory (used to speed up test start-up). */
  async dump(): Promise<Blob> {
    return this.pg.dumpDataDir('gzip');
  }

  async close(): Promise<void> {
    if (!this.pg.closed) await this.pg.close();
  }
}
