/**
 * The servers under test, as child processes stopped by PID: the real polewatch server
 * (server/main.ts, as `npm start` runs it minus the web build) and the limit.
 */
import { startServerChild, type ServerChild } from '../scripts/server.child.ts';

const WAIT_MS = 600_000;

/** polewatch on PostgreSQL (DATABASE_URL) or, with an empty URL, on the PGlite folder given. */
export function startPolewatch(port: number, databaseUrl: string, pgliteDir = ''): Promise<ServerChild> {
  return startServerChild({
    script: 'server/main.ts',
    port,
    env: { DATABASE_URL: databaseUrl, PGLITE_DATA_DIR: pgliteDir, JOBS_INTERVAL_MS: '0', LOG_LEVEL: 'warn', IMPORT_MAX_ROWS: '1000000' },
    readyPath: '/api/health',
    waitMs: WAIT_MS,
    pollMs: 100,
  });
}

export function startLimit(port: number, databaseUrl: string): Promise<ServerChild> {
  return startServerChild({ script: 'bench/limit.server.ts', port, env: { DATABASE_URL: databaseUrl }, readyPath: '/poles?bbox=115.98,36.45,115.981,36.451', waitMs: WAIT_MS, pollMs: 100 });
}
