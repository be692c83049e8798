/**
 * The real server for browser tests that need time to pass (a correction deadline, a statement
 * period): what server/main.ts does, but the app's clock is the wall clock plus an offset the
 * test process sets over IPC ({ setNow: ISO instant } or { shiftDays }); from there it ticks on. The server's own `now` injection, nothing else:
 * the database's now() is untouched, so created_at and the audit log keep real time.
 */
import { buildApp } from '../server/app.ts';
import { loadConfig } from '../server/config/config.ts';
import { openDb } from '../server/db/db.open.ts';
import { migrate, readMigrations } from '../server/db/migrate.ts';
import { MIGRATIONS_DIR } from '../server/db/migrations.dir.ts';
import { seedFixtures } from '../fixtures/fixtures.seed.ts';

const DAY_MS = 24 * 3600 * 1000;
let offsetMs = 0;

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const db = await openDb({
    databaseUrl: undefined,
    pgliteDataDir: config.pgliteDataDir,
    poolMax: config.dbPoolMax,
    connectTimeoutMs: config.dbConnectTimeoutMs,
    statementTimeoutMs: config.dbStatementTimeoutMs,
  });
  await migrate(db, readMigrations(MIGRATIONS_DIR), () => undefined);
  await seedFixtures(db);
  const app = await buildApp({ db, config, logger: false, now: () => new Date(Date.now() + offsetMs) });
  await app.listen({ host: config.host, port: config.port });
  process.on('message', (m: { shiftDays?: number; setNow?: string }) => {
    if (typeof m.setNow === 'string') offsetMs = new Date(m.setNow).getTime() - Date.now();
    if (typeof m.shiftDays === 'number') offsetMs += m.shiftDays * DAY_MS;
    process.send?.({ now: new Date(Date.now() + offsetMs).toISOString() });
  });
  process.on('SIGTERM', () => {
    void app.close().then(() => db.close()).then(() => process.exit(0));
  });
}

main().catch((err: unknown) => {
  console.error('clock server failed to start:', err);
  process.exit(1);
});
