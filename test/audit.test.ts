import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { PgDb } from '../server/db/pg.db.ts';
import { ensureAppRole } from '../server/db/app.role.ts';
import { login, startTestApp, type Session, type TestContext } from './support/test.app.ts';

let t: TestContext;
let admin: Session;
before(async () => {
  t = await startTestApp();
  admin = await login(t.app, 'admin');
});
after(() => t.close());

type AuditItem = { id: number; at: string; actor: string; actor_kind: string; org_code: string | null; action: string; entity_type: string; entity_id: string; before: Record<string, unknown> | null; after: Record<string, unknown> | null; request_id: string; client_addr: string };
const audit = async (query: string) => (await t.app.inject({ method: 'GET', url: `/api/audit?${query}`, headers: admin.headers })).json() as { items: AuditItem[]; next: string | null };
const one = async <T extends object>(sql: string, params: unknown[] = []) => (await t.db.query<T>(sql, params)).rows[0]!;

test('every write leaves an audit row with who, when, what, before and after', async () => {
  const officer = await login(t.app, 'officer');
  const created = await t.app.inject({ method: 'POST', url: '/api/poles', headers: officer.headers, payload: { geometry: { type: 'Point', coordinates: [115.99, 36.455] }, condition: 'good' } });
  const id = created.json().id as number;
  const patched = await t.app.inject({ method: 'PATCH', url: `/api/poles/${id}`, headers: { ...officer.headers, 'if-match': String(created.headers.etag) }, payload: { condition: 'broken', owner: 'mobile' } });
  assert.equal(patched.statusCode, 200);

  const rows = (await audit(`entity_type=pole&entity_id=${id}`)).items;
  assert.deepEqual(rows.map((r) => r.action), ['pole.update', 'pole.create']);
  const [upd, crt] = rows as [AuditItem, AuditItem];
  assert.match(upd.actor, /^user:\d+:officer$/);
  assert.equal(upd.actor_kind, 'user');
  assert.equal(upd.org_code, 'enforcement');
  assert.deepEqual(upd.before, { condition: 'good', owner_code: null, ownership_status: 'unknown' });
  assert.deepEqual(upd.after, { condition: 'broken', owner_code: 'mobile', ownership_status: 'confirmed' });
  assert.equal(upd.request_id, patched.headers['request-id'] ?? upd.request_id);
  assert.match(upd.request_id, /^[0-9a-f-]{36}$/);
  assert.equal(upd.client_addr, '127.0.0.1');
  assert.ok(!Number.isNaN(Date.parse(upd.at)));
  assert.equal(crt.after?.condition, 'good');

  const actions = new Set((await audit('limit=500')).items.map((r) => r.action));
  for (const a of ['auth.login', 'pole.create', 'pole.update', 'fixtures.load']) assert.ok(actions.has(a), a);
});

test('account and token changes are audited without secrets', async () => {
  const u = await t.app.inject({ method: 'POST', url: '/api/users', headers: admin.headers, payload: { username: 'audit.li', display_name: '李', role: 'viewer', password: 'correct-horse-battery' } });
  const tok = await t.app.inject({ method: 'POST', url: '/api/tokens', headers: admin.headers, payload: { name: 'audit', org: 'mobile', role: 'viewer' } });
  await t.app.inject({ method: 'DELETE', url: `/api/tokens/${tok.json().item.id}`, headers: admin.headers });
  const rows = (await audit('limit=10')).items;
  const byAction = Object.fromEntries(rows.map((r) => [r.action, r]));
  assert.equal(byAction['user.create']!.entity_id, String(u.json().id));
  assert.equal(byAction['token.create']!.after?.org, 'mobile');
  assert.ok(byAction['token.revoke']!.after?.revoked_at);
  const text = JSON.stringify(rows);
  assert.ok(!text.includes('correct-horse-battery') && !text.includes('argon2') && !text.includes(tok.json().token.replace(/^pwt_\d+_/, '')));
});

test('the audit view filters by actor, action and time, and pages', async () => {
  const byActor = await audit('actor=officer&limit=500');
  assert.ok(byActor.items.length > 0 && byActor.items.every((r) => r.actor.includes('officer')));
  const future = await audit('from=2999-01-01T00:00:00Z');
  assert.equal(future.items.length, 0);
  const page1 = await audit('limit=2');
  assert.equal(page1.items.length, 2);
  const page2 = await audit(`limit=2&cursor=${page1.next}`);
  assert.ok(page2.items[0]!.id < page1.items[1]!.id);
  const bad = await t.app.inject({ method: 'GET', url: '/api/audit?from=yesterday', headers: admin.headers });
  assert.equal(bad.statusCode, 400);
});

test('the audit log refuses UPDATE, DELETE and TRUNCATE', async () => {
  await assert.rejects(t.db.query("UPDATE audit_log SET actor = 'someone else'"), /append-only/);
  await assert.rejects(t.db.query('DELETE FROM audit_log'), /append-only/);
  await assert.rejects(t.db.query('TRUNCATE audit_log'), /append-only/);
});

test('concurrent writes keep one unbroken chain', async () => {
  const officer = await login(t.app, 'officer');
  const posts = Array.from({ length: 8 }, (_, i) => t.app.inject({
    method: 'POST', url: '/api/poles', headers: officer.headers,
    payload: { geometry: { type: 'Point', coordinates: [115.98 + i * 0.001, 36.45] } },
  }));
  assert.deepEqual((await Promise.all(posts)).map((r) => r.statusCode), Array(8).fill(201));
  const res = await t.app.inject({ method: 'GET', url: '/api/audit/verify', headers: admin.headers });
  const body = res.json();
  assert.equal(body.ok, true, JSON.stringify(body));
  const n = await one<{ n: number }>('SELECT count(*)::int AS n FROM audit_log');
  assert.equal(body.count, n.n);
});

// Roles and grants are a server feature: this runs in the PostgreSQL pass of the suite.
if (process.env.TEST_DATABASE_URL) test('on real PostgreSQL the application role cannot change the audit log', async () => {
  await ensureAppRole(t.db, 'polewatch_app_test', 'app-role-test-pw');
  const url = new URL(process.env.TEST_DATABASE_URL!);
  url.username = 'polewatch_app_test';
  url.password = 'app-role-test-pw';
  const app = await PgDb.open({ connectionString: url.toString(), poolMax: 1 });
  try {
    for (const sql of ["UPDATE audit_log SET actor = 'x' WHERE id = 1", 'DELETE FROM audit_log WHERE id = 1', 'TRUNCATE audit_log']) {
      await assert.rejects(app.query(sql), (e: { code?: string }) => e.code === '42501', sql);
    }
    // It can still do its job: read the registry and append to the log through a write.
    const n = await app.query('SELECT count(*) FROM poles');
    assert.ok(n.rows.length === 1);
    await app.query("INSERT INTO audit_log (actor_kind, actor, action, entity_type) VALUES ('system', 'grant-test', 'test.append', 'test')");
  } finally {
    await app.close();
  }
});

test('a superuser editing one row: verification names exactly that row', async () => {
  const target = await one<{ id: number }>("SELECT id FROM audit_log WHERE action = 'pole.update' ORDER BY id LIMIT 1");
  // Triggers are bypassed the way only a superuser can; grants do not stop a superuser.
  await t.db.tx(async (q) => {
    await q.query('SET LOCAL session_replication_role = replica');
    await q.query(`UPDATE audit_log SET after = jsonb_set(after, '{condition}', '"good"') WHERE id = $1`, [target.id]);
  });
  const res = (await t.app.inject({ method: 'GET', url: '/api/audit/verify', headers: admin.headers })).json();
  assert.equal(res.ok, false);
  assert.equal(res.firstBrokenId, target.id);
  assert.match(res.reason, /content does not match/);

  if (process.env.TEST_DATABASE_URL) {
    // The operator's command says the same, and fails.
    const run = promisify(execFile);
    const err = await run(process.execPath, ['--import', 'tsx', 'scripts/audit-verify.ts'], { env: { ...process.env, DATABASE_URL: process.env.TEST_DATABASE_URL } })
      .then(() => null, (e: { code: number; stderr: string }) => e);
    assert.ok(err, 'audit:verify must exit non-zero');
    assert.equal(err.code, 1);
    assert.match(err.stderr, new RegExp(`BROKEN at row ${target.id}:`));
  }
});
