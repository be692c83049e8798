/**
 * The only place that reads the environment, opens the database, migrates and listens.
 */
import { loadConfig, ConfigError } from './config/config.ts';
import { openDb } from './db/db.open.ts';
import { migrate, readMigrations, MigrationError } from './db/migrate.ts';
import { MIGRATIONS_DIR } from './db/migrations.dir.ts';
import { buildApp } from './app.ts';
import { loggerOptions } from './http/logger.ts';
import { startScheduler } from './jobs/jobs.scheduler.ts';
import { seedFixtures } from '../fixtures/fixtures.seed.ts';

const started = performance.now();
const elapsed = () => `${((performance.now() - started) / 1000).toFixed(1)} s`;

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const log = (msg: string) => console.log(`[polewatch ${elapsed()}] ${msg}`);
  log(config.databaseUrl ? 'opening PostgreSQL (DATABASE_URL)' : `opening embedded PGlite at ${config.pgliteDataDir}`);
  const db = await openDb({
    databaseUrl: config.databaseUrl,
    pgliteDataDir: config.pgliteDataDir,
    poolMax: config.dbPoolMax,
    connectTimeoutMs: config.dbConnectTimeoutMs,
    statementTimeoutMs: config.dbStatementTimeoutMs,
    idleTimeoutMs: config.dbIdleTimeoutMs,
    applicationName: config.dbApplicationName,
    onIdleError: (err) => log(`database connection dropped while idle: ${err.message}`),
  });
  await migrate(db, readMigrations(MIGRATIONS_DIR), log);
  // Only the embedded database fills itself: a real PostGIS is seeded deliberately (npm run seed).
  if (db.kind === 'pglite' && config.autoFixtures) await seedFixtures(db, log);

  const app = await buildApp({
    db,
    config,
    logger: loggerOptions(config.logLevel),
  });
  await app.listen({ host: config.host, port: config.port });
  const stopJobs = startScheduler(db, config, log);
  log(`ready at http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}/ (API docs at /docs)`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: finishing in-flight requests, then closing the database`);
    const force = setTimeout(() => process.exit(1), 10000);
    force.unref();
    stopJobs();
    await app.close();
    await db.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError || err instanceof MigrationError) {
    console.error(`polewatch cannot start: ${err.message}`);
  } else {
    console.error('polewatch failed to start:', err);
  }
  process.exit(1);
});
