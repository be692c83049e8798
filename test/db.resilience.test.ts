import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import Fastify from 'fastify';
import { installErrorHandler } from '../server/http/error.handler.ts';
import { fromSqlState } from '../server/http/errors.ts';
import { PgDb } from '../server/db/pg.db.ts';
import { buildApp } from '../server/app.ts';
import { ConfigError, loadConfig } from '../server/config/config.ts';
import { openTestDb } from './support/test.db.ts';
import type { FastifyInstance } from 'fastify';
import { login, type Session } from './support/test.app.ts';
import { TcpProxy } from './support/tcp.proxy.ts';
import { newKey, poleBody, until } from './support/idempotency.client.ts';

const PG_URL = process.env.TEST_DATABASE_URL;
const onPg = { skip: PG_URL ? false : 'needs TEST_DATABASE_URL (real PostgreSQL)' };
const err = (message: string, code?: string) => Object.assign(new Error(message), code ? { code } : {});

test('a database that cannot be reached maps to 503 db_unavailable, whatever shape the failure takes', () => {
  const unavailable = [
    err('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED'),
    new AggregateError([err('connect ECONNREFUSED ::1:5432', 'ECONNREFUSED'), err('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED')]),
    err('read ECONNRESET', 'ECONNRESET'),
    err('terminating connection due to administrator command', '57P01'),
    err('the database system is starting up', '57P03'),
    err('the database system is shutting down', '57P03'),
    err('connection failure', '08006'),
    err('could not connect', '08001'),
    err('sorry, too many clients already', '53300'),
    new Error('Connection terminated unexpectedly'),
    new Error('Connection terminated due to connection timeout'),
    new Error('timeout exceeded when trying to connect'),
    new Error('Client has encountered a connection error and is not queryable'),
    new Error('Query read timeout'),
  ];
  for (const e of unavailable) {
    const d = fromSqlState(e);
    assert.equal(d?.code, 'db_unavailable', e.message);
    assert.equal(d?.status, 503);
  }
  // Faults of the statement or of our code stay what they were.
  assert.equal(fromSqlState(err('syntax error', '42601')), undefined);
  assert.equal(fromSqlState(new Error('connect ECONNREFUSED only in the text')), undefined);
  assert.equal(fromSqlState(err('duplicate', '23505'))?.status, 409);
  assert.equal(fromSqlState(err('canceling statement due to statement timeout', '57014'))?.code, 'timeout');
});

test('the answer carries Retry-After and nothing of the inside', async () => {
  const app = Fastify();
  installErrorHandler(app);
  app.get('/down', async () => {
    throw err('connect ECONNREFUSED 10.0.0.5:5432 password=hunter2', 'ECONNREFUSED');
  });
  const res = await app.inject({ method: 'GET', url: '/down' });
  assert.equal(res.statusCode, 503);
  assert.equal(res.headers['retry-after'], '5');
  assert.equal(res.json().error.code, 'db_unavailable');
  assert.doesNotMatch(res.body, /hunter2|10\.0\.0\.5|ECONNREFUSED/);
});

// One migrated, seeded schema for the PostgreSQL tests of this file (opening one costs ~20 s).
let shared: Promise<Awaited<ReturnType<typeof openTestDb>>> | null = null;
const adminDb = () => (shared ??= openTestDb());
after(async () => (shared ? (await shared).close() : undefined));

test('the resilience settings are validated at start-up, naming the key', () => {
  const c = loadConfig({});
  assert.deepEqual([c.dbIdleTimeoutMs, c.dbApplicationName, c.idempotencyTtlHours, c.photoOrphanAgeMinutes], [30000, 'polewatch', 24, 60]);
  assert.equal(loadConfig({ DB_APPLICATION_NAME: 'polewatch-east.2' }).dbApplicationName, 'polewatch-east.2');
  for (const [key, value] of [['DB_APPLICATION_NAME', "x' options='-c"], ['DB_IDLE_TIMEOUT_MS', '5'], ['IDEMPOTENCY_TTL_HOURS', '0'], ['PHOTO_ORPHAN_AGE_MINUTES', '1']] as const) {
    assert.throws(() => loadConfig({ [key]: value }), (e: unknown) => e instanceof ConfigError && e.message.includes(key), key);
  }
});

const terminate = (admin: { query: PgDb['query'] }, appName: string) =>
  admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1 AND pid <> pg_backend_pid()', [appName]);

test('a backend terminated in the middle of a transaction fails that transaction only; the process and the pool carry on', onPg, async () => {
  const admin = await adminDb();
  const idle: Error[] = [];
  const db = await PgDb.open({ connectionString: PG_URL!, poolMax: 3, applicationName: 'pw_test_terminate', onIdleError: (e) => idle.push(e) });
  try {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const inTx = db.tx(async (q) => {
      await q.query('SELECT 1');
      await gate; // the backend is killed while this transaction sits between two statements
      return q.query('SELECT 2');
    });
    await until(async () => (await admin.query("SELECT 1 FROM pg_stat_activity WHERE application_name = 'pw_test_terminate' AND state = 'idle in transaction'")).rows.length > 0, 'the open transaction');
    await terminate(admin, 'pw_test_terminate');
    await new Promise((r) => setTimeout(r, 200)); // the client's 'error' event arrives with no query running
    release();
    await assert.rejects(inTx, (e: unknown) => fromSqlState(e)?.code === 'db_unavailable');
    // A transaction started at once after idle clients were killed, before the pool has heard
    // of every death, still succeeds. (It may take each dead client itself, so whether the pool
    // reports any of them here depends on timing: that is checked on its own below.)
    const fill = () => Promise.all([1, 2, 3].map(() => db.query('SELECT pg_sleep(0.05)')));
    await fill();
    await terminate(admin, 'pw_test_terminate');
    const after = await db.tx(async (q) => (await q.query<{ n: number }>('SELECT 42 AS n')).rows[0]!.n);
    assert.equal(after, 42, 'new connections replace the dead ones');
    // Idle clients killed while nobody asks for them are dropped by the pool and reported, not thrown.
    await fill();
    const before = idle.length;
    await terminate(admin, 'pw_test_terminate');
    // All three were idle (three queries at once on a pool of three); each death is reported.
    await until(() => idle.length >= before + 3, 'the pool to report its dead idle clients');
    assert.equal((await db.query<{ n: number }>('SELECT 7 AS n')).rows[0]!.n, 7, 'the pool carries on');
  } finally {
    await db.close();
  }
});

/**
 * An app whose database connections go through a relay the test controls, on a migrated,
 * seeded schema, with an officer signed in. `run` gets them; everything is closed afterwards.
 */
async function behindRelay(port: number, appName: string, run: (r: { proxy: TcpProxy; db: PgDb; app: FastifyInstance; officer: Session }) => Promise<void>) {
  await adminDb();
  const proxy = new TcpProxy(port, { host: '127.0.0.1', port: Number(new URL(PG_URL!).port || 5432) });
  await proxy.up();
  const db = await PgDb.open({ connectionString: proxy.url(PG_URL!), poolMax: 4, connectionTimeoutMs: 1000, applicationName: appName });
  const app = await buildApp({ db, config: loadConfig({ JOBS_INTERVAL_MS: '0' }), webDir: null });
  try {
    await run({ proxy, db, app, officer: await login(app, 'officer') });
  } finally {
    await app.close();
    await db.close();
    await proxy.down();
  }
}

test('PostgreSQL going away and coming back: 503 with Retry-After meanwhile (never 500, never a hang), readiness follows, the pool recovers by itself', onPg, () => behindRelay(3325, 'pw_test_outage', async ({ proxy, app, officer }) => {
  const get = (url: string) => app.inject({ method: 'GET', url });
  assert.equal((await get('/api/health/ready')).statusCode, 200);
  await proxy.down();
  const key = newKey();
  const started = Date.now();
  const during = [
    await get('/api/poles?limit=1'),
    await get('/api/poles/1'),
    await app.inject({ method: 'POST', url: '/api/poles', headers: { ...officer.headers, 'idempotency-key': key }, payload: poleBody(key) }),
  ];
  for (const res of during) {
    assert.equal(res.statusCode, 503, res.body);
    assert.equal(res.json().error.code, 'db_unavailable');
    assert.equal(res.headers['retry-after'], '5');
  }
  assert.ok(Date.now() - started < 8000, 'answered within the connect timeout, not hung');
  assert.equal((await get('/api/health/ready')).statusCode, 503);
  assert.equal((await get('/api/health/live')).statusCode, 200);
  await proxy.up();
  await until(async () => (await get('/api/health/ready')).statusCode === 200, 'readiness after the database is back');
  assert.equal((await get('/api/poles?limit=1')).statusCode, 200);
  const retry = await app.inject({ method: 'POST', url: '/api/poles', headers: { ...officer.headers, 'idempotency-key': key }, payload: poleBody(key) });
  assert.equal(retry.statusCode, 201, 'the failed attempt left the key unused');
}));

test('a COMMIT whose answer is lost with the connection: with a key the server finds out it committed and answers 201', onPg, () => behindRelay(3326, 'pw_test_commit', async ({ proxy, db, app, officer }) => {
  const notes = async (note: string) => (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM poles WHERE note = $1', [note])).rows[0]!.n;
  const key = newKey();
  proxy.cutAnswerTo('COMMIT\0');
  const res = await app.inject({ method: 'POST', url: '/api/poles', headers: { ...officer.headers, 'idempotency-key': key }, payload: poleBody(key) });
  assert.equal(res.statusCode, 201, res.body);
  assert.equal(await notes(key), 1);
  const stored = (await db.query<{ s: number }>('SELECT response_status AS s FROM idempotency_keys WHERE key = $1', [key])).rows[0];
  assert.equal(stored?.s, 201, 'and its answer is kept for a retry');
  // Without a key nothing in the transaction can tell: the client hears 503 although the pole
  // was written — which is why clients that retry must send a key.
  const plain = `plain-${key}`;
  proxy.cutAnswerTo('COMMIT\0');
  const blind = await app.inject({ method: 'POST', url: '/api/poles', headers: officer.headers, payload: poleBody(plain) });
  assert.equal(blind.statusCode, 503);
  assert.equal(await notes(plain), 1);
}));
