import type { Db } from './db.types.ts';
import { PgDb } from './pg.db.ts';
import { PgliteDb } from './pglite.db.ts';

export interface OpenOptions {
  databaseUrl?: string | undefined;
  pgliteDataDir?: string | undefined;
  poolMax?: number;
  connectTimeoutMs?: number;
  statementTimeoutMs?: number;
  idleTimeoutMs?: number;
  applicationName?: string;
  onIdleError?: (err: Error) => void;
}

/** node-postgres when a URL is given, otherwise the embedded database. */
export async function openDb(o: OpenOptions): Promise<Db> {
  if (o.databaseUrl) {
    return PgDb.open({
      connectionString: o.databaseUrl,
      poolMax: o.poolMax,
      connectionTimeoutMs: o.connectTimeoutMs,
      statementTimeoutMs: o.statementTimeoutMs,
      idleTimeoutMs: o.idleTimeoutMs,
      applicationName: o.applicationName,
      onIdleError: o.onIdleError,
    });
  }
  return PgliteDb.open({ dataDir: o.pgliteDataDir });
}
