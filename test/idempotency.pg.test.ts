import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PgDb } from '../server/db/pg.db.ts';
import { buildApp } from '../server/app.ts';
import { loadConfig } from '../server/config/config.ts';
import { openTestDb } from './support/test.db.ts';
import { login } from './support/test.app.ts';
import { count, newKey, replayed, until } from './support/idempotency.client.ts';

const PG_URL = process.env.TEST_DATABASE_URL;
const onPg = { skip: PG_URL ? false : 'needs TEST_DATABASE_URL (two server processes share one PostgreSQL)' };

/** A second, independent server on the same database: its own pool and its own in-flight table. */
async function server(name: string) {
  const db = await PgDb.open({ connectionString: PG_URL!, poolMax: 3, applicationName: name });
  const app = await buildApp({ db, config: loadConfig({ JOBS_INTERVAL_MS: '0', PHOTO_DIR: mkdtempSync(join(tmpdir(), 'polewatch-photos-')) }), webDir: null });
  await app.ready();
  return { app, db, close: async () => { await app.close(); await db.close(); } };
}

test('two servers, one key: while the first holds it in its open transaction the second gets 409 at once, then the replay', onPg, async () => {
  const base = await openTestDb();
  const one = await server('pw_test_server1');
  const two = await server('pw_test_server2');
  try {
    const pole = (await base.query<{ id: number }>("SELECT id FROM poles WHERE status = 'in_service' AND owner_org_id IS NOT NULL ORDER BY id LIMIT 1")).rows[0]!.id;
    const key = newKey();
    const s1 = await login(one.app, 'officer');
    const s2 = await login(two.app, 'officer');
    const record = (app: typeof one.app, headers: object) =>
      app.inject({ method: 'POST', url: '/api/removals', headers: { ...headers, 'idempotency-key': key }, payload: { pole_id: pole, removed_on: '2026-03-01', org: 'unicom' } });

    // The test holds the pole's row lock: server 1's transaction, key already claimed, waits on it.
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let locked = false;
    const locker = base.tx(async (q) => {
      await q.query('SELECT 1 FROM poles WHERE id = $1 FOR UPDATE', [pole]);
      locked = true;
      await gate;
    });
    await until(() => locked, 'the row lock');
    const first = record(one.app, s1.headers);
    await until(async () => (await base.query("SELECT 1 FROM pg_stat_activity WHERE application_name = 'pw_test_server1' AND wait_event_type = 'Lock'")).rows.length > 0, 'server 1 to wait on the lock');

    const second = await record(two.app, s2.headers);
    assert.equal(second.statusCode, 409, second.body);
    assert.equal(second.json().error.code, 'idempotency_in_flight');

    release();
    await locker;
    const done = await first;
    assert.equal(done.statusCode, 201, done.body);
    const again = await record(two.app, s2.headers);
    assert.equal(again.statusCode, 201);
    assert.ok(replayed(again));
    assert.equal(again.body, done.body);
    assert.equal(await count(base, 'SELECT 1 FROM removals WHERE pole_id = $1', [pole]), 1);
  } finally {
    await one.close();
    await two.close();
    await base.close();
  }
});
