import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { login, startTestApp, type Session, type TestContext } from './support/test.app.ts';

let t: TestContext;
let officer: Session;
before(async () => {
  t = await startTestApp();
  officer = await login(t.app, 'officer');
});
after(() => t.close());

const BBOX = '115.97,36.44,116.0,36.47';
type Feature = { id: number; geometry: { coordinates: [number, number] }; properties: Record<string, unknown> };
type FC = { type: string; features: Feature[]; numberReturned: number; next: string | null; limit: number };

async function getJson<T>(url: string, headers: Record<string, string> = {}): Promise<{ status: number; body: T; headers: Record<string, unknown> }> {
  const res = await t.app.inject({ method: 'GET', url, headers });
  return { status: res.statusCode, body: res.json() as T, headers: res.headers };
}

async function aPoleId(where = "status = 'in_service'"): Promise<number> {
  const { rows } = await t.db.query<{ id: number }>(`SELECT id FROM poles WHERE ${where} ORDER BY id LIMIT 1`);
  return rows[0]!.id;
}

test('health names the back end and the PostGIS version', async () => {
  const { status, body } = await getJson<{ status: string; db: string; postgis: string }>('/api/health');
  assert.equal(status, 200);
  assert.equal(body.status, 'ok');
  assert.equal(body.db, process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite');
  assert.match(body.postgis, /^3\.\d+\.\d+/);
});

test('a bbox returns only the poles inside it, as many as SQL counts', async () => {
  const { status, body, headers } = await getJson<FC>(`/api/poles?bbox=${BBOX}&limit=5000`);
  assert.equal(status, 200);
  assert.match(String(headers['content-type']), /application\/geo\+json/);
  assert.equal(body.type, 'FeatureCollection');
  const [x1, y1, x2, y2] = BBOX.split(',').map(Number) as [number, number, number, number];
  for (const f of body.features) {
    const [x, y] = f.geometry.coordinates;
    assert.ok(x >= x1 && x <= x2 && y >= y1 && y <= y2, `pole ${f.id} at ${x},${y} is outside the bbox`);
    assert.notEqual(f.properties.status, 'removed');
  }
  const { rows } = await t.db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM poles WHERE geom && ST_MakeEnvelope(115.97, 36.44, 116.0, 36.47, 4326) AND status <> 'removed'`,
  );
  assert.ok(rows[0]!.n > 100, 'the fixture city is dense here');
  assert.equal(body.features.length, Math.min(rows[0]!.n, 5000));
  assert.equal(body.numberReturned, body.features.length);
});

test('filters narrow the result and agree with SQL', async () => {
  const all = await getJson<FC>(`/api/poles?bbox=${BBOX}&limit=5000`);
  const orphans = await getJson<FC>(`/api/poles?bbox=${BBOX}&owner=none&limit=5000`);
  assert.ok(orphans.body.features.length > 0 && orphans.body.features.length < all.body.features.length);
  assert.ok(orphans.body.features.every((f) => f.properties.owner_code === null));
  const broken = await getJson<FC>(`/api/poles?bbox=${BBOX}&condition=broken,fallen&owner=unicom&limit=5000`);
  assert.ok(broken.body.features.every((f) => ['broken', 'fallen'].includes(String(f.properties.condition)) && f.properties.owner_code === 'unicom'));
  const { rows } = await t.db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM poles p JOIN organisations o ON o.id = p.owner_org_id
     WHERE p.geom && ST_MakeEnvelope(115.97, 36.44, 116.0, 36.47, 4326) AND p.status <> 'removed'
       AND p.condition IN ('broken', 'fallen') AND o.code = 'unicom'`,
  );
  assert.equal(broken.body.features.length, rows[0]!.n);
  const removed = await getJson<FC>('/api/poles?status=removed&limit=5000');
  assert.ok(removed.body.features.length > 0 && removed.body.features.every((f) => f.properties.status === 'removed'));
  const district = await getJson<FC>('/api/poles?district=DCF&limit=50');
  assert.ok(district.body.features.every((f) => f.properties.district_code === 'DCF'));
});

test('a world-sized bbox is capped and paged, and the pages add up', async () => {
  const seen = new Set<number>();
  let url: string | null = '/api/poles?bbox=-180,-90,180,90&status=in_service,abandoned,removed&limit=5000';
  let pages = 0;
  while (url) {
    const { status, body }: { status: number; body: FC } = await getJson<FC>(url);
    assert.equal(status, 200);
    assert.ok(body.features.length <= 5000);
    for (const f of body.features) {
      assert.ok(!seen.has(f.id), `pole ${f.id} repeated across pages`);
      seen.add(f.id);
    }
    pages++;
    url = body.next ? `/api/poles?bbox=-180,-90,180,90&status=in_service,abandoned,removed&limit=5000&cursor=${body.next}` : null;
  }
  const { rows } = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM poles');
  assert.equal(seen.size, rows[0]!.n);
  assert.ok(pages >= 2);
  const capped = await getJson<FC>('/api/poles?bbox=-180,-90,180,90');
  assert.equal(capped.body.features.length, 2000, 'default limit');
  assert.ok(capped.body.next);
});

test('summary aggregates the same poles the list shows', async () => {
  const { status, body } = await getJson<{ features: { properties: { count: number; orphan: number; broken: number } }[] }>(
    `/api/poles/summary?bbox=${BBOX}&zoom=13`,
  );
  assert.equal(status, 200);
  const total = body.features.reduce((s, f) => s + f.properties.count, 0);
  const orphan = body.features.reduce((s, f) => s + f.properties.orphan, 0);
  const { rows } = await t.db.query<{ n: number; o: number }>(
    `SELECT count(*)::int AS n, count(*) FILTER (WHERE owner_org_id IS NULL)::int AS o FROM poles
     WHERE geom && ST_MakeEnvelope(115.97, 36.44, 116.0, 36.47, 4326) AND status <> 'removed'`,
  );
  assert.equal(total, rows[0]!.n);
  assert.equal(orphan, rows[0]!.o);
  assert.ok(body.features.length > 1 && body.features.length < total);
});

test('one pole carries an ETag and answers If-None-Match with 304', async () => {
  const id = await aPoleId();
  const res = await getJson<Feature>(`/api/poles/${id}`);
  assert.equal(res.status, 200);
  assert.equal(res.body.id, id);
  const etag = String(res.headers.etag);
  assert.match(etag, /^"pole-\d+-v\d+-r"$/);
  const again = await t.app.inject({ method: 'GET', url: `/api/poles/${id}`, headers: { 'if-none-match': etag } });
  assert.equal(again.statusCode, 304);
  // The body carries the caller's permissions, so an anonymous copy must not satisfy an officer.
  const asOfficer = await t.app.inject({ method: 'GET', url: `/api/poles/${id}`, headers: { ...officer.headers, 'if-none-match': etag } });
  assert.equal(asOfficer.statusCode, 200);
  assert.deepEqual((asOfficer.json() as Feature).properties.permissions, { edit: true, editOwner: true, claim: false, decide: true });
  assert.notEqual(asOfficer.headers.etag, etag);
  assert.equal((await getJson(`/api/poles/999999999`)).status, 404);
});

test('writes need a signed-in officer', async () => {
  const body = { geometry: { type: 'Point', coordinates: [115.985, 36.457] } };
  assert.equal((await t.app.inject({ method: 'POST', url: '/api/poles', payload: body })).statusCode, 401);
  const viewer = await login(t.app, 'viewer');
  assert.equal((await t.app.inject({ method: 'POST', url: '/api/poles', payload: body, headers: viewer.headers })).statusCode, 403);
  const noCsrf = await t.app.inject({ method: 'POST', url: '/api/poles', payload: body, headers: { cookie: officer.headers.cookie } });
  assert.equal(noCsrf.statusCode, 403);
  assert.equal(noCsrf.json().error.code, 'csrf_failed');
});

test('POST creates a pole with a district code, history and exact text', async () => {
  const note = '杆体倾斜 ⚠️ \u200f\u200b test';
  const res = await t.app.inject({
    method: 'POST', url: '/api/poles', headers: officer.headers,
    payload: { geometry: { type: 'Point', coordinates: [115.98512345678, 36.45612345678, 12] }, condition: 'leaning', material: 'concrete', height_m: 8.5, note },
  });
  assert.equal(res.statusCode, 201, res.body);
  const f = res.json() as Feature;
  assert.deepEqual(f.geometry.coordinates, [115.9851235, 36.4561235], 'rounded to 7 decimals, Z dropped');
  assert.match(String(f.properties.code), /^LC-[A-Z]{2,4}-\d{6}$/);
  assert.equal(f.properties.note, note);
  assert.equal(f.properties.height_m, '8.5');
  assert.equal(f.properties.version, 1);
  assert.ok(f.properties.district_code, 'district derived from the point');
  const h = await getJson<{ items: { action: string; actor: string }[] }>(`/api/poles/${f.id}/history`);
  assert.equal(h.body.items.length, 1);
  assert.equal(h.body.items[0]!.action, 'create');
  assert.match(h.body.items[0]!.actor, /^user:\d+:officer$/);
});

test('GCJ-02 input is converted to WGS84 and its origin recorded', async () => {
  const gcj = [115.991234, 36.452345];
  const res = await t.app.inject({ method: 'POST', url: '/api/poles', headers: officer.headers, payload: { geometry: { type: 'Point', coordinates: gcj }, crs: 'gcj02' } });
  assert.equal(res.statusCode, 201, res.body);
  const f = res.json() as Feature;
  assert.equal(f.properties.source_crs, 'gcj02');
  const [x, y] = f.geometry.coordinates;
  // In Shandong GCJ-02 sits a few hundred metres off WGS84: the stored point must have moved.
  const dx = (x - gcj[0]!) * 89600;
  const dy = (y - gcj[1]!) * 111000;
  const shift = Math.hypot(dx, dy);
  assert.ok(shift > 200 && shift < 800, `shift ${shift} m`);
});

test('PATCH: 428 without If-Match, 412 when stale, 200 bumps version and writes history', async () => {
  const id = await aPoleId();
  const first = await t.app.inject({ method: 'GET', url: `/api/poles/${id}` });
  const etag = String(first.headers.etag);
  const v0 = (first.json() as Feature).properties.version as number;

  const none = await t.app.inject({ method: 'PATCH', url: `/api/poles/${id}`, headers: officer.headers, payload: { condition: 'damaged' } });
  assert.equal(none.statusCode, 428);
  assert.equal(none.json().error.code, 'precondition_required');

  const ok = await t.app.inject({ method: 'PATCH', url: `/api/poles/${id}`, headers: { ...officer.headers, 'if-match': etag }, payload: { condition: 'damaged', cable_tangle: true } });
  assert.equal(ok.statusCode, 200, ok.body);
  const after = ok.json() as Feature;
  assert.equal(after.properties.version, v0 + 1);
  assert.equal(after.properties.condition, 'damaged');
  assert.notEqual(ok.headers.etag, etag);

  const stale = await t.app.inject({ method: 'PATCH', url: `/api/poles/${id}`, headers: { ...officer.headers, 'if-match': etag }, payload: { condition: 'good' } });
  assert.equal(stale.statusCode, 412);
  assert.equal(stale.json().error.code, 'stale_version');

  const h = await getJson<{ items: { version: number; action: string; changes: Record<string, unknown> }[] }>(`/api/poles/${id}/history`);
  assert.equal(h.body.items[0]!.action, 'update');
  assert.equal(h.body.items[0]!.version, v0 + 1);
  assert.deepEqual(h.body.items[0]!.changes.condition, [(first.json() as Feature).properties.condition, 'damaged']);
  const still = await getJson<Feature>(`/api/poles/${id}`);
  assert.equal(still.body.properties.condition, 'damaged', 'the stale PATCH changed nothing');
});

test('two PATCHes with the same If-Match: one 200, one 412', async () => {
  const id = await aPoleId("status = 'in_service' AND condition = 'good'");
  const etag = String((await t.app.inject({ method: 'GET', url: `/api/poles/${id}` })).headers.etag);
  const send = (condition: string) =>
    t.app.inject({ method: 'PATCH', url: `/api/poles/${id}`, headers: { ...officer.headers, 'if-match': etag }, payload: { condition } });
  const codes = (await Promise.all([send('leaning'), send('broken')])).map((r) => r.statusCode).sort();
  assert.deepEqual(codes, [200, 412]);
  const { rows } = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM pole_history WHERE pole_id = $1 AND action = $2', [id, 'update']);
  assert.equal(rows[0]!.n, 1);
});

test('the history table refuses edits', async () => {
  await assert.rejects(t.db.query('UPDATE pole_history SET actor = $1', ['someone-else']), /append-only/);
  await assert.rejects(t.db.query('DELETE FROM pole_history'), /append-only/);
});

test('reference layers for the offline basemap', async () => {
  const d = await getJson<{ features: { properties: { code: string } }[] }>('/api/districts');
  assert.deepEqual(d.body.features.map((f) => f.properties.code).sort(), ['DCF', 'GXQ', 'JBS', 'JKQ']);
  const r = await getJson<{ features: { properties: { kind: string } }[] }>('/api/roads');
  const kinds = new Set(r.body.features.map((f) => f.properties.kind));
  assert.deepEqual([...kinds].sort(), ['alley', 'compound_lane', 'main_road', 'street']);
  const o = await getJson<{ items: { code: string; kind: string }[] }>('/api/organisations');
  assert.deepEqual(o.body.items.filter((x) => x.kind === 'carrier').map((x) => x.code).sort(), ['broadcast', 'mobile', 'telecom', 'unicom']);
  const c = await getJson<{ center: number[]; clusterBelowZoom: number }>('/api/config');
  assert.deepEqual(c.body.center, [115.985, 36.457]);
});

test('OpenAPI is served at /docs', async () => {
  const res = await t.app.inject({ method: 'GET', url: '/docs/json' });
  assert.equal(res.statusCode, 200);
  const spec = res.json() as { openapi: string; paths: Record<string, unknown> };
  assert.match(spec.openapi, /^3\./);
  for (const p of ['/api/poles', '/api/poles/{id}', '/api/poles/summary', '/api/poles/{id}/history', '/api/health']) assert.ok(spec.paths[p], p);
});

test('concurrent creations in one district get consecutive, distinct codes', async () => {
  const res = await Promise.all(Array.from({ length: 6 }, () =>
    t.app.inject({ method: 'POST', url: '/api/poles', headers: officer.headers, payload: { geometry: { type: 'Point', coordinates: [115.985, 36.455] } } })));
  assert.deepEqual(res.map((r) => r.statusCode), Array(6).fill(201));
  const codes = res.map((r) => String((r.json() as Feature).properties.code)).sort();
  assert.equal(new Set(codes).size, 6);
  const nums = codes.map((c) => Number(c.slice(-6)));
  assert.equal(nums[5]! - nums[0]!, 5, `${codes.join(', ')}`);
  const { rows } = await t.db.query<{ top: number }>("SELECT max(substring(code FROM '(\\d+)$')::int) AS top FROM poles WHERE code LIKE 'LC-DCF-%' AND id NOT IN (SELECT id FROM poles ORDER BY id DESC LIMIT 6)");
  assert.ok(nums[0]! > rows[0]!.top, 'numbering continues after the fixture codes');
});
