/**
 * `npm run test:faults`: the real server (a child process on real PostgreSQL) under the
 * failures it must survive without losing or doubling a record:
 *   (a) its database sessions terminated under load, (b) PostgreSQL restarted under load,
 *   (c) its pool exhausted by locked queries, (d) SIGKILL in the middle of an import commit,
 *   (e) one create sent five times with one Idempotency-Key.
 * Prints a table and exits 1 on any failure.
 *
 *   FAULTS_ADMIN_URL  a superuser URL on the cluster (default postgres://postgres@127.0.0.1:5432/postgres)
 *   FAULTS_DB         the database to (re)create for this run (default polewatch_faults)
 *   FAULTS_PORT       the server's port (default 3091)
 *   FAULTS_CLUSTER    the pg_ctlcluster version and name to restart in (b) (default "15 main")
 *   FAULTS_SKIP_RESTART=1   skip (b), which restarts the whole cluster for everyone on it
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PgDb } from '../server/db/pg.db.ts';
import { migrate, readMigrations } from '../server/db/migrate.ts';
import { MIGRATIONS_DIR } from '../server/db/migrations.dir.ts';
import { AuditService } from '../server/audit/audit.service.ts';
import { seedFixtures } from '../fixtures/fixtures.seed.ts';
import { ServerProcess } from './faults/faults.server.ts';
import { failed, printReport, type FaultEnv, type ScenarioResult } from './faults/faults.report.ts';
import { restartPostgres, terminateBackends } from './faults/faults.chaos.ts';
import { exhaustPool } from './faults/faults.pool.ts';
import { killDuringImport } from './faults/faults.import.ts';
import { replayCreate } from './faults/faults.replay.ts';

const started = Date.now();
const say = (msg: string) => console.log(`[faults ${((Date.now() - started) / 1000).toFixed(1)} s] ${msg}`);

const adminUrl = process.env.FAULTS_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const dbName = process.env.FAULTS_DB ?? 'polewatch_faults';
if (!/^[a-z_][a-z0-9_]{0,62}$/.test(dbName)) throw new Error(`FAULTS_DB "${dbName}" is not a plain database name`);
const cluster = (process.env.FAULTS_CLUSTER ?? '15 main').split(/\s+/) as [string, string];
const databaseUrl = (() => {
  const u = new URL(adminUrl);
  u.pathname = `/${dbName}`;
  return u.toString();
})();

async function prepareDatabase(): Promise<void> {
  const admin = await PgDb.open({ connectionString: adminUrl, poolMax: 1, applicationName: 'pw_faults_setup' });
  try {
    // The name was checked against a strict pattern; identifiers cannot be bound.
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${dbName}`);
  } finally {
    await admin.close();
  }
  const db = await PgDb.open({ connectionString: databaseUrl, poolMax: 2, applicationName: 'pw_faults_setup' });
  try {
    await migrate(db, readMigrations(MIGRATIONS_DIR));
    await seedFixtures(db);
  } finally {
    await db.close();
  }
}

async function main(): Promise<number> {
  say(`preparing ${dbName} (migrate + fixture city)`);
  await prepareDatabase();
  const photoDir = mkdtempSync(join(tmpdir(), 'polewatch-faults-'));
  const appName = 'pw_faults';
  // Short enough for (c) to answer promptly, long enough for (d)'s import statements (5,000 rows each).
  const statementTimeoutMs = 5000;
  const connectTimeoutMs = 1000;
  const serverEnv = {
    DATABASE_URL: databaseUrl, HOST: '127.0.0.1', PORT: process.env.FAULTS_PORT ?? '3091', LOG_LEVEL: 'warn',
    JOBS_INTERVAL_MS: '0', AUTO_FIXTURES: 'false', PHOTO_DIR: photoDir, LOGIN_RATE_PER_MINUTE: '1000',
    DB_APPLICATION_NAME: appName, DB_POOL_MAX: '6', DB_STATEMENT_TIMEOUT_MS: String(statementTimeoutMs), DB_CONNECT_TIMEOUT_MS: String(connectTimeoutMs),
  };
  const server = new ServerProcess(serverEnv);
  const db = await PgDb.open({ connectionString: databaseUrl, poolMax: 3, applicationName: 'pw_faults_observer', onIdleError: () => undefined });
  const results: ScenarioResult[] = [];
  try {
    say('starting the server');
    await server.start();
    const poleIds = (await db.query<{ id: number }>("SELECT id FROM poles WHERE status <> 'removed' ORDER BY id LIMIT 200")).rows.map((r) => r.id);
    const env: FaultEnv = { db, databaseUrl, server, serverEnv, appName, statementTimeoutMs, connectTimeoutMs, poleIds, cluster, skipRestart: process.env.FAULTS_SKIP_RESTART === '1' };
    const scenarios: [string, (e: FaultEnv) => Promise<ScenarioResult>][] = [
      ['(e) one create sent 5× with one key', replayCreate],
      ['(a) backends terminated', terminateBackends],
      ['(c) pool exhausted by locks', exhaustPool],
      ['(b) PostgreSQL restarted', restartPostgres],
      ['(d) SIGKILL during import commit', killDuringImport],
    ];
    for (const [name, run] of scenarios) {
      if (name.startsWith('(b)') && env.skipRestart) {
        results.push({ name, sent: 0, ok: 0, unavailable: 0, other: 0, rowsChecked: 0, recoveryMs: null, status: 'SKIP', notes: ['FAULTS_SKIP_RESTART=1'] });
        continue;
      }
      say(`running ${name}`);
      results.push(await run(env).catch((err: unknown) => failed(name, err)));
      say(`${name}: ${results.at(-1)!.status}`);
    }
    const audit = await new AuditService(db).verify();
    say(audit.ok ? `audit hash chain intact after all faults (${audit.count} rows)` : `audit hash chain BROKEN at row ${audit.firstBrokenId}`);
    if (!audit.ok) results.push({ ...failed('audit chain', audit.reason), notes: [`broken at row ${audit.firstBrokenId}: ${audit.reason}`] });
  } finally {
    await server.stop();
    await db.close();
    rmSync(photoDir, { recursive: true, force: true });
  }
  printReport(results);
  const bad = results.filter((r) => r.status === 'FAIL');
  say(bad.length ? `${bad.length} scenario(s) FAILED` : 'all scenarios passed');
  return bad.length ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error('fault tests could not run:', err);
    process.exit(1);
  },
);
