import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { loggerOptions } from '../server/http/logger.ts';
import { login, startTestApp, type TestContext } from './support/test.app.ts';

let t: TestContext;
const logLines: string[] = [];
before(async () => {
  // Real logging at debug level into memory, to prove no secret reaches the log.
  t = await startTestApp({ LOGIN_RATE_PER_MINUTE: '1000' }, loggerOptions('debug', { write: (l: string) => void logLines.push(l) }));
});
after(() => t.close());

const one = async <T extends object>(sql: string, params: unknown[] = []) => (await t.db.query<T>(sql, params)).rows[0]!;
const me = async (headers: Record<string, string>) => (await t.app.inject({ method: 'GET', url: '/api/auth/me', headers })).json();
const poleOf = (org: string) => one<{ id: number; version: number; note: string | null; condition: string }>(
  `SELECT p.id, p.version, p.note, p.condition FROM poles p JOIN organisations o ON o.id = p.owner_org_id
   WHERE o.code = $1 AND p.status = 'in_service' ORDER BY p.id DESC LIMIT 1`, [org]);
const etag = (p: { id: number; version: number }) => `"pole-${p.id}-v${p.version}"`;
const secrets: string[] = [];

test('sign-in sets an HttpOnly, SameSite session cookie and never returns the hash', async () => {
  const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'officer', password: 'dev-officer-2026' } });
  assert.equal(res.statusCode, 200);
  const cookie = res.cookies.find((c) => c.name === 'pw_session')!;
  assert.ok(cookie.httpOnly);
  assert.equal(cookie.sameSite, 'Strict');
  secrets.push(cookie.value, 'dev-officer-2026');
  assert.doesNotMatch(res.body, /argon2|password/);
  const body = res.json();
  assert.equal(body.user.role, 'officer');
  assert.equal(body.user.org, 'enforcement');
  assert.equal(typeof body.csrfToken, 'string');
});

test('sign-out revokes the session on the server', async () => {
  const s = await login(t.app, 'viewer');
  assert.equal((await me(s.headers)).user.username, 'viewer');
  assert.equal((await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: s.headers })).statusCode, 200);
  assert.equal((await me(s.headers)).user, null, 'the old cookie no longer works');
});

test('five wrong passwords lock the account, with a message that says when to retry', async () => {
  const attempt = (password: string) => t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'planner', password } });
  for (let i = 0; i < 5; i++) {
    const r = await attempt('wrong-password');
    assert.equal(r.statusCode, 401);
    assert.equal(r.json().error.code, 'invalid_credentials');
  }
  const locked = await attempt('dev-planner-2026');
  assert.equal(locked.statusCode, 429, 'even the right password waits out the lock');
  assert.equal(locked.json().error.code, 'account_locked');
  assert.match(locked.json().error.message, /Try again in \d+ minute/);
  assert.ok(locked.json().error.details.retryAfterSeconds > 0);
  const other = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'planner.city', password: 'dev-planner.city-2026' } });
  assert.equal(other.statusCode, 200, 'other accounts are not affected');
});

test('an unknown user and a wrong password get the same answer', async () => {
  const a = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'nobody-here', password: 'x' } });
  const b = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'mobile', password: 'x' } });
  assert.equal(a.statusCode, 401);
  assert.deepEqual(a.json(), b.json());
});

test('sign-ins from one address are rate limited', async () => {
  const limited = await startTestApp({ LOGIN_RATE_PER_MINUTE: '3' });
  try {
    const codes: number[] = [];
    for (let i = 0; i < 4; i++) {
      codes.push((await limited.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'viewer', password: 'dev-viewer-2026' } })).statusCode);
    }
    assert.deepEqual(codes, [200, 200, 200, 429]);
    const res = await limited.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'viewer', password: 'dev-viewer-2026' } });
    assert.equal(res.json().error.code, 'rate_limited');
    assert.match(res.json().error.message, /wait \d+ seconds/);
  } finally {
    await limited.close();
  }
});

test('disabling an account ends its sessions and blocks sign-in', async () => {
  const admin = await login(t.app, 'admin');
  const s = await login(t.app, 'broadcast');
  const id = (await one<{ id: number }>("SELECT id FROM users WHERE username = 'broadcast'")).id;
  const res = await t.app.inject({ method: 'PATCH', url: `/api/users/${id}`, headers: admin.headers, payload: { disabled: true } });
  assert.equal(res.statusCode, 200, res.body);
  assert.equal((await me(s.headers)).user, null);
  const again = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'broadcast', password: 'dev-broadcast-2026' } });
  assert.equal(again.statusCode, 401);
  await t.app.inject({ method: 'PATCH', url: `/api/users/${id}`, headers: admin.headers, payload: { disabled: false } });
});

test('admins create accounts; passwords are stored as Argon2id only', async () => {
  const admin = await login(t.app, 'admin');
  const password = 'a-very-long-secret-Ω';
  secrets.push(password);
  const res = await t.app.inject({ method: 'POST', url: '/api/users', headers: admin.headers, payload: { username: 'ops.zhang', display_name: '张 👷', role: 'officer', org: 'enforcement', password } });
  assert.equal(res.statusCode, 201, res.body);
  assert.equal(res.json().display_name, '张 👷');
  assert.equal(res.json().password_hash, undefined);
  const row = await one<{ password_hash: string }>("SELECT password_hash FROM users WHERE username = 'ops.zhang'");
  assert.match(row.password_hash, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  const bad = await t.app.inject({ method: 'POST', url: '/api/users', headers: admin.headers, payload: { username: 'x.carrier', display_name: 'x', role: 'carrier', org: 'enforcement', password } });
  assert.equal(bad.statusCode, 422);
  assert.equal(bad.json().error.code, 'carrier_needs_firm');
  const short = await t.app.inject({ method: 'POST', url: '/api/users', headers: admin.headers, payload: { username: 'x.short', display_name: 'x', role: 'viewer', password: 'short' } });
  assert.equal(short.statusCode, 422);
});

test('API tokens: shown once, stored hashed, scoped to one firm, revocable', async () => {
  const admin = await login(t.app, 'admin');
  const created = await t.app.inject({ method: 'POST', url: '/api/tokens', headers: admin.headers, payload: { name: '电信资源系统', org: 'telecom', role: 'carrier' } });
  assert.equal(created.statusCode, 201, created.body);
  const { token, item } = created.json();
  secrets.push(token);
  assert.match(token, /^pwt_\d+_[A-Za-z0-9_-]{43}$/);
  const listed = await t.app.inject({ method: 'GET', url: '/api/tokens', headers: admin.headers });
  assert.ok(!listed.body.includes(token.replace(/^pwt_\d+_/, '')), 'the secret is never listed');
  const stored = await one<{ secret_hash: string }>('SELECT secret_hash FROM api_tokens WHERE id = $1', [item.id]);
  assert.notEqual(stored.secret_hash, token);
  assert.match(stored.secret_hash, /^[0-9a-f]{64}$/);

  const bearer = { authorization: `Bearer ${token}` };
  const who = await me(bearer);
  assert.equal(who.user.role, 'carrier');
  assert.equal(who.user.org, 'telecom');
  const used = await one<{ last_used_at: Date | null }>('SELECT last_used_at FROM api_tokens WHERE id = $1', [item.id]);
  assert.ok(used.last_used_at instanceof Date, 'last use is recorded');

  // Its own firm's pole: allowed, no CSRF needed for a bearer token.
  const own = await poleOf('telecom');
  const ok = await t.app.inject({ method: 'PATCH', url: `/api/poles/${own.id}`, headers: { ...bearer, 'if-match': etag(own) }, payload: { note: '电信自查' } });
  assert.equal(ok.statusCode, 200, ok.body);
  assert.match((await one<{ actor: string }>("SELECT actor FROM audit_log WHERE action = 'pole.update' ORDER BY id DESC LIMIT 1")).actor, /^token:\d+:电信资源系统$/);

  // Another firm's pole: refused, and nothing changes.
  const theirs = await poleOf('unicom');
  const refused = await t.app.inject({ method: 'PATCH', url: `/api/poles/${theirs.id}`, headers: { ...bearer, 'if-match': etag(theirs) }, payload: { condition: 'broken', note: 'hijack' } });
  assert.equal(refused.statusCode, 403);
  assert.equal(refused.json().error.code, 'not_your_pole');
  assert.deepEqual(await poleOf('unicom'), theirs);

  // Officer-only fields are refused, not ignored.
  const own2 = await poleOf('telecom');
  const owner = await t.app.inject({ method: 'PATCH', url: `/api/poles/${own2.id}`, headers: { ...bearer, 'if-match': etag(own2) }, payload: { owner: 'mobile' } });
  assert.equal(owner.statusCode, 403);
  assert.equal(owner.json().error.code, 'officer_only_field');
  const status = await t.app.inject({ method: 'PATCH', url: `/api/poles/${own2.id}`, headers: { ...bearer, 'if-match': etag(own2) }, payload: { ownership_status: 'confirmed' } });
  assert.equal(status.statusCode, 422);
  assert.deepEqual(await poleOf('telecom'), own2);

  const revoked = await t.app.inject({ method: 'DELETE', url: `/api/tokens/${item.id}`, headers: admin.headers });
  assert.equal(revoked.statusCode, 200);
  const after = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer });
  assert.equal(after.statusCode, 401);
  assert.equal(after.json().error.code, 'invalid_token');
  assert.equal((await t.app.inject({ method: 'GET', url: '/api/poles?limit=1', headers: { authorization: 'Bearer pwt_1_nonsense' } })).statusCode, 401);
});

test('a firm’s own administrator issues tokens for its firm only; other carriers none', async () => {
  const unicom = await login(t.app, 'unicom');
  const mine = await t.app.inject({ method: 'POST', url: '/api/tokens', headers: unicom.headers, payload: { name: 'unicom gis', org: 'unicom', role: 'viewer' } });
  assert.equal(mine.statusCode, 201);
  secrets.push(mine.json().token);
  const theirs = await t.app.inject({ method: 'POST', url: '/api/tokens', headers: unicom.headers, payload: { name: 'x', org: 'telecom', role: 'carrier' } });
  assert.equal(theirs.statusCode, 403);
  const list = await t.app.inject({ method: 'GET', url: '/api/tokens', headers: unicom.headers });
  assert.ok((list.json().items as { org_code: string }[]).every((i) => i.org_code === 'unicom'));
  const telecom = await login(t.app, 'telecom');
  assert.equal((await t.app.inject({ method: 'GET', url: '/api/tokens', headers: telecom.headers })).statusCode, 403);
});

test('no password, token or session secret is stored or logged in clear', async () => {
  assert.ok(secrets.length >= 5);
  for (const table of ['users', 'sessions', 'api_tokens', 'audit_log', 'login_failures', 'pole_history']) {
    for (const s of secrets) {
      const r = await one<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} x WHERE x::text LIKE '%' || $1 || '%'`, [s]);
      assert.equal(r.n, 0, `${table} holds a secret in clear`);
    }
  }
  const log = logLines.join('\n');
  assert.ok(log.length > 1000, 'requests were logged');
  for (const s of secrets) assert.ok(!log.includes(s), 'a secret reached the log');
  assert.doesNotMatch(log, /pw_session=|Bearer pwt_/);
});
