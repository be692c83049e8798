import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Type } from 'typebox';
import { buildApp } from '../server/app.ts';
import { roles } from '../server/http/policy.ts';
import { runJobs } from '../server/jobs/jobs.scheduler.ts';
import { fixturePassword } from '../fixtures/users.load.ts';
import { appPerFile, login, type Session } from './support/test.app.ts';
import { count, newKey, poleBody, replayed } from './support/idempotency.client.ts';

const file = appPerFile('officer');

const createPole = (key: string | undefined, body: unknown, s: Session = file.session) =>
  file.t.app.inject({ method: 'POST', url: '/api/poles', headers: { ...s.headers, ...(key ? { 'idempotency-key': key } : {}) }, payload: body as object });

test('a create sent again with the same key is answered from the first response, and writes once', async () => {
  const key = newKey();
  const first = await createPole(key, poleBody(key));
  assert.equal(first.statusCode, 201, first.body);
  assert.ok(!replayed(first));
  const again = await createPole(key, { note: key, condition: 'leaning', geometry: { coordinates: [115.985, 36.455], type: 'Point' } });
  assert.equal(again.statusCode, 201);
  assert.ok(replayed(again), 'key order does not make it a different request');
  assert.equal(again.body, first.body);
  assert.equal(again.headers.etag, first.headers.etag);
  assert.match(String(again.headers['content-type']), /geo\+json/);
  assert.equal(await count(file.t.db, 'SELECT 1 FROM poles WHERE note = $1', [key]), 1);
  assert.equal(await count(file.t.db, "SELECT 1 FROM audit_log WHERE action = 'pole.create' AND entity_id = $1", [String(first.json().id)]), 1);
  const row = (await file.t.db.query<{ principal: string; route: string; response_status: number }>('SELECT principal, route, response_status FROM idempotency_keys WHERE key = $1', [key])).rows;
  assert.deepEqual(row.map((r) => [r.principal.startsWith('user:'), r.route, r.response_status]), [[true, '/api/poles', 201]]);
});

test('the same key with a different body is refused with 422 and writes nothing', async () => {
  const key = newKey();
  assert.equal((await createPole(key, poleBody(key))).statusCode, 201);
  const other = await createPole(key, poleBody(`${key}-changed`));
  assert.equal(other.statusCode, 422);
  assert.equal(other.json().error.code, 'idempotency_key_reused');
  assert.equal(await count(file.t.db, 'SELECT 1 FROM poles WHERE note = $1', [`${key}-changed`]), 0);
});

test('a malformed key is a 400 before anything runs', async () => {
  for (const bad of ['short', 'x'.repeat(129), 'has space in it', 'ключ-12345678', 'semi;colon1']) {
    const res = await createPole(bad, poleBody('never'));
    assert.equal(res.statusCode, 400, bad);
    assert.equal(res.json().error.code, 'invalid_idempotency_key');
  }
  const dup = await file.t.app.inject({ method: 'POST', url: '/api/poles', headers: { ...file.session.headers, 'idempotency-key': ['aaaaaaaa1', 'bbbbbbbb2'] }, payload: poleBody('never') });
  assert.equal(dup.statusCode, 400, 'two keys are no key');
  assert.equal(await count(file.t.db, "SELECT 1 FROM poles WHERE note = 'never'"), 0);
});

test('keys belong to one account: another officer with the same key makes their own pole', async () => {
  const key = newKey();
  const officer2 = await login(file.t.app, 'officer2');
  const a = await createPole(key, poleBody(key));
  const b = await createPole(key, poleBody(key), officer2);
  assert.equal(a.statusCode, 201);
  assert.equal(b.statusCode, 201);
  assert.ok(!replayed(b));
  assert.notEqual(a.json().id, b.json().id);
  assert.equal(await count(file.t.db, 'SELECT 1 FROM poles WHERE note = $1', [key]), 2);
  // A fresh session of the same account is still the same caller.
  const again = await createPole(key, poleBody(key), await login(file.t.app, 'officer2'));
  assert.ok(replayed(again));
  assert.equal(again.json().id, b.json().id);
});

test('a request that fails leaves its key unused, so the corrected retry runs', async () => {
  const key = newKey();
  const outside = await createPole(key, { ...poleBody(key), geometry: { type: 'Point', coordinates: [120.5, 30.2] } });
  assert.equal(outside.statusCode, 422);
  assert.equal(await count(file.t.db, 'SELECT 1 FROM idempotency_keys WHERE key = $1', [key]), 0, 'rolled back with the write');
  const fixed = await createPole(key, poleBody(key));
  assert.equal(fixed.statusCode, 201, fixed.body);
  assert.ok(!replayed(fixed));
});

test('state changes replay too: verifying a removal twice with one key answers 200 twice', async () => {
  const pole = (await file.t.db.query<{ id: number }>("SELECT id FROM poles WHERE status = 'in_service' AND owner_org_id IS NOT NULL ORDER BY id LIMIT 1")).rows[0]!.id;
  const rec = await file.t.app.inject({ method: 'POST', url: '/api/removals', headers: { ...file.session.headers, 'idempotency-key': newKey() }, payload: { pole_id: pole, removed_on: '2026-01-05', org: 'unicom' } });
  assert.equal(rec.statusCode, 201, rec.body);
  const key = newKey();
  const verify = () => file.t.app.inject({ method: 'POST', url: `/api/removals/${rec.json().id}/verify`, headers: { ...file.session.headers, 'idempotency-key': key } });
  const [a, b] = [await verify(), await verify()];
  assert.deepEqual([a.statusCode, b.statusCode], [200, 200]);
  assert.ok(replayed(b));
  assert.match(String(b.headers['content-type']), /^application\/json/);
  assert.deepEqual(b.json(), a.json());
  const plain = await file.t.app.inject({ method: 'POST', url: `/api/removals/${rec.json().id}/verify`, headers: file.session.headers });
  assert.equal(plain.statusCode, 409, 'without a key the second verify is refused as before');
  // The same key on another record's URL is a different request.
  const other = await file.t.app.inject({ method: 'POST', url: `/api/removals/${rec.json().id + 100000}/verify`, headers: { ...file.session.headers, 'idempotency-key': key } });
  assert.equal(other.json().error?.code, 'idempotency_key_reused');
});

test('sign-in ignores the header: its answer carries a session and is never stored', async () => {
  const key = newKey();
  const payload = { username: 'viewer', password: fixturePassword('viewer') };
  const a = await file.t.app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'idempotency-key': key }, payload });
  const b = await file.t.app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'idempotency-key': key }, payload });
  assert.deepEqual([a.statusCode, b.statusCode], [200, 200]);
  assert.ok(!replayed(b));
  assert.notEqual(a.json().csrfToken, b.json().csrfToken);
  assert.equal(await count(file.t.db, 'SELECT 1 FROM idempotency_keys WHERE key = $1', [key]), 0);
});

test('a route this mechanism has never seen gets idempotency without a line of its own', async () => {
  await file.t.db.query('CREATE TABLE IF NOT EXISTS widget_probe (id serial PRIMARY KEY, name text NOT NULL)');
  const app = await buildApp({ db: file.t.db, config: file.t.config, webDir: null });
  app.post('/api/widgets', { config: { policy: roles('officer') }, schema: { body: Type.Object({ name: Type.String() }) } }, async (req, reply) => {
    const id = await file.t.db.tx(async (q) => (await q.query<{ id: number }>('INSERT INTO widget_probe (name) VALUES ($1) RETURNING id', [(req.body as { name: string }).name])).rows[0]!.id);
    return reply.status(201).send({ id });
  });
  await app.ready();
  try {
    const s = await login(app, 'officer');
    const key = newKey();
    const send = () => app.inject({ method: 'POST', url: '/api/widgets', headers: { ...s.headers, 'idempotency-key': key }, payload: { name: key } });
    const res = [await send(), await send(), await send()];
    assert.deepEqual(res.map((r) => r.statusCode), [201, 201, 201]);
    assert.deepEqual(res.map(replayed), [false, true, true]);
    assert.equal(await count(file.t.db, 'SELECT 1 FROM widget_probe WHERE name = $1', [key]), 1);
  } finally {
    await app.close();
  }
});

test('keys expire: after the time-to-live the jobs purge them and the key may be used again', async () => {
  const key = newKey();
  const first = await createPole(key, poleBody(key));
  await file.t.db.query("UPDATE idempotency_keys SET created_at = created_at - interval '25 hours' WHERE key = $1", [key]);
  const later = await createPole(key, poleBody(key));
  assert.equal(later.statusCode, 201);
  assert.ok(!replayed(later), 'an expired key is a new request');
  assert.notEqual(later.json().id, first.json().id);
  assert.equal(await count(file.t.db, 'SELECT 1 FROM idempotency_keys WHERE key = $1', [key]), 1, 'taken over in place');
  await file.t.db.query("UPDATE idempotency_keys SET created_at = created_at - interval '25 hours' WHERE key = $1", [key]);
  const fresh = newKey();
  assert.equal((await createPole(fresh, poleBody(fresh))).statusCode, 201);
  const r = await runJobs(file.t.db, file.t.config);
  assert.ok(r.idempotencyKeysPurged >= 1);
  assert.equal(await count(file.t.db, 'SELECT 1 FROM idempotency_keys WHERE key = $1', [key]), 0);
  assert.equal(await count(file.t.db, 'SELECT 1 FROM idempotency_keys WHERE key = $1', [fresh]), 1, 'live keys stay');
});

test('five copies at once: one write; the others are replayed or told it is in flight', async () => {
  const key = newKey();
  const res = await Promise.all(Array.from({ length: 5 }, () => createPole(key, poleBody(key))));
  // Which copy wins and whether a straggler arrives after the answer was stored is up to timing.
  assert.equal(res.filter((r) => r.statusCode === 201 && !replayed(r)).length, 1);
  assert.ok(res.every((r) => r.statusCode === 409 || r.statusCode === 201), res.map((r) => r.statusCode).join());
  // (The in-flight answer itself is pinned down deterministically in idempotency.uploads.test.ts.)
  for (const r of res.filter((x) => x.statusCode === 409)) {
    assert.equal(r.json().error.code, 'idempotency_in_flight');
    assert.equal(r.headers['retry-after'], '1');
  }
  const later = await createPole(key, poleBody(key));
  assert.ok(replayed(later));
  assert.equal(await count(file.t.db, 'SELECT 1 FROM poles WHERE note = $1', [key]), 1);
});
