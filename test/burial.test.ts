import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import turfLength from '@turf/length';
import { lineString } from '@turf/helpers';
import { login, startTestApp, type Session, type TestContext } from './support/test.app.ts';
import { buildScene, type PoleName, type Scene } from './support/burial.scene.ts';

/**
 * Burial projects on a crafted scene with known answers (test/support/burial.scene.ts): which
 * spans a route takes underground, which poles it frees, and what completion changes.
 */
let t: TestContext;
let planner: Session;
let scene: Scene;
const NOW = new Date('2026-11-29T04:00:00Z');
before(async () => {
  t = await startTestApp({ LOGIN_RATE_PER_MINUTE: '1000' }, undefined, () => NOW);
  planner = await login(t.app, 'planner');
  scene = await buildScene(t.db);
});
after(() => t.close());

type Impact = {
  length_m: number; corridor_m: number;
  spans: { count: number; overhead_m: number; ids: number[] };
  firms: { code: string; spans: number; overhead_m: number }[];
  freed_poles: { id: number; code: string }[];
  warnings: { kind: string; id?: number; message: string }[];
};
const post = (url: string, payload: unknown, s: Session = planner) => t.app.inject({ method: 'POST', url, headers: s.headers, payload: payload as object });
const impact = async (body: object) => {
  const res = await post('/api/burial-projects/impact', body);
  assert.equal(res.statusCode, 200, res.body);
  return res.json() as Impact;
};
const spanIds = (...names: string[]) => names.map((n) => scene.spans[n]!).sort((a, b) => a - b);
const poleIds = (...names: PoleName[]) => names.map((n) => scene.poles[n]).sort((a, b) => a - b);

test('a 1,000 m straight route measures 1,000 m within 0.5 %, and Turf agrees', async () => {
  const i = await impact({ route: scene.route });
  assert.ok(Math.abs(i.length_m - 1000) <= 5, `${i.length_m} m`);
  const turf = turfLength(lineString(scene.route.coordinates), { units: 'meters' });
  assert.ok(Math.abs(turf - i.length_m) / i.length_m < 0.005, `turf ${turf} vs ${i.length_m}`);
  assert.equal(i.corridor_m, 15);
});

test('spans 5 m off and parallel count; 30 m off, crossing, or perpendicular inside the corridor do not', async () => {
  const i = await impact({ route: scene.route });
  assert.deepEqual(i.spans.ids, spanIds('N1-N2', 'N2-N3', 'M-M2'));
  assert.equal(i.spans.count, 3);
  assert.ok(Math.abs(i.spans.overhead_m - 150) < 0.1, `${i.spans.overhead_m} m`);
  assert.deepEqual(i.firms.map((f) => [f.code, f.spans]), [['unicom', 2], ['broadcast', 1]]);
});

test('a densely drawn route (5,000 vertices) takes the same spans as its two end points', async () => {
  const [[x0, y0], [x1, y1]] = scene.route.coordinates as [[number, number], [number, number]];
  const dense = Array.from({ length: 5000 }, (_, i) => [x0 + ((x1 - x0) * i) / 4999, y0 + ((y1 - y0) * i) / 4999]);
  const i = await impact({ route: { type: 'LineString', coordinates: dense } });
  assert.deepEqual(i.spans.ids, spanIds('N1-N2', 'N2-N3', 'M-M2'));
  assert.ok(Math.abs(i.length_m - 1000) <= 5);
});

test('a pole is freed only when all its overhead spans go: M keeps its perpendicular span', async () => {
  const i = await impact({ route: scene.route });
  assert.deepEqual(i.freed_poles.map((p) => p.id), poleIds('N1', 'N2', 'N3', 'M2'));
  assert.ok(!i.freed_poles.some((p) => p.id === scene.poles.M));
});

test('the corridor is a parameter: at 35 m the 30 m-off spans join, the perpendicular ones still do not', async () => {
  const i = await impact({ route: scene.route, corridor_m: 35 });
  assert.deepEqual(i.spans.ids, spanIds('N1-N2', 'N2-N3', 'S1-S2', 'M-M2'));
  assert.equal((await post('/api/burial-projects/impact', { route: scene.route, corridor_m: 0 })).statusCode, 422);
  assert.equal((await post('/api/burial-projects/impact', { route: scene.route, corridor_m: 101 })).statusCode, 422);
});

test('no road works near the scene: the impact warns that the road would be dug for the cables alone', async () => {
  const i = await impact({ route: scene.route, planned_start: '2027-03-01', planned_end: '2027-06-30' });
  assert.deepEqual(i.warnings.map((w) => w.kind), ['no_road_works']);
  assert.match(i.warnings[0]!.message, /±180 days/);
});

const badRoute = async (route: unknown, status: number, code: string | RegExp) => {
  const before_ = (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM burial_projects')).rows[0]!.n;
  const bodies = { '/api/burial-projects/impact': { route }, '/api/burial-projects': { name: 'bad', route, firms: [], planned_start: '2027-01-01', planned_end: '2027-02-01' } };
  for (const [url, body] of Object.entries(bodies)) {
    const res = await post(url, body);
    assert.equal(res.statusCode, status, `${url}: ${res.body.slice(0, 200)}`);
    assert.match(res.json().error.code, code instanceof RegExp ? code : new RegExp(`^${code}$`));
    assert.ok(res.json().error.message.length > 10);
  }
  assert.equal((await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM burial_projects')).rows[0]!.n, before_, 'nothing half-written');
};

test('a self-intersecting route is refused with a clear message', () =>
  badRoute({ type: 'LineString', coordinates: [[115.98, 36.37], [115.99, 36.375], [115.99, 36.37], [115.98, 36.375]] }, 422, 'self_intersecting'));

test('a route with a million vertices is refused (413), and one just over the vertex cap (422)', async () => {
  const million = Array.from({ length: 1_000_000 }, (_, i) => [115.98 + i * 1e-8, 36.37]);
  await badRoute({ type: 'LineString', coordinates: million }, 413, 'payload_too_large');
  const many = Array.from({ length: 10_001 }, (_, i) => [115.98 + i * 1e-6, 36.37]);
  await badRoute({ type: 'LineString', coordinates: many }, 422, 'too_many_vertices');
});

test('swapped, out-of-area, wrong-type and malformed routes → 422', async () => {
  await badRoute({ type: 'LineString', coordinates: [[36.37, 115.98], [36.38, 115.99]] }, 422, 'latitude_out_of_range');
  await badRoute({ type: 'LineString', coordinates: [[121.47, 31.23], [121.48, 31.23]] }, 422, 'outside_service_area');
  await badRoute({ type: 'Polygon', coordinates: [[[115.98, 36.37], [115.99, 36.37], [115.99, 36.38], [115.98, 36.37]]] }, 422, 'wrong_geometry_type');
  await badRoute({ type: 'LineString', coordinates: [[115.98, 36.37], ['115.99', 36.37]] }, 422, 'invalid_coordinates');
  await badRoute({ type: 'LineString', coordinates: [[115.98, 36.37], [115.98, 36.37]] }, 422, 'invalid_geometry');
});

test('create: bad dates, unknown firms and districts are refused; planners and admins only', async () => {
  const body = { name: '测试工程', route: scene.route, firms: ['unicom'], planned_start: '2027-03-01', planned_end: '2027-06-30' };
  assert.equal((await post('/api/burial-projects', { ...body, planned_end: '2027-02-01' })).json().error.code, 'invalid_period');
  assert.equal((await post('/api/burial-projects', { ...body, planned_start: '2027-02-30' })).json().error.code, 'invalid_date');
  assert.equal((await post('/api/burial-projects', { ...body, firms: ['enforcement'] })).json().error.code, 'unknown_firm');
  assert.equal((await post('/api/burial-projects', { ...body, district: 'XYZ' })).json().error.code, 'unknown_district');
  assert.equal((await post('/api/burial-projects', { ...body, status: 'completed' })).statusCode, 422);
  for (const who of ['viewer', 'telecom', 'officer']) {
    assert.equal((await post('/api/burial-projects', body, await login(t.app, who))).statusCode, 403, who);
  }
  assert.equal((await t.app.inject({ method: 'POST', url: '/api/burial-projects', payload: body })).statusCode, 401);
});

async function create(extra: object = {}) {
  const res = await post('/api/burial-projects', { name: '测试路（一段）线缆入地 🚧', route: scene.route, firms: ['unicom', 'broadcast'], planned_start: '2026-10-01', planned_end: '2026-12-31', ...extra });
  assert.equal(res.statusCode, 201, res.body);
  return res.json() as { id: number; version: number; status: string; name: string; district: string; length_m: number; impact: Impact; events: { action: string }[]; firms: { code: string }[] };
}
const move = (id: number, body: object, s: Session = planner) => post(`/api/burial-projects/${id}/transitions`, body, s);

test('a project is proposed with its live impact, its firms and a create event; names are kept exactly', async () => {
  const p = await create();
  assert.equal(p.status, 'proposed');
  assert.equal(p.name, '测试路（一段）线缆入地 🚧');
  assert.equal(p.version, 1);
  assert.deepEqual(p.firms.map((f) => f.code), ['broadcast', 'unicom']);
  assert.deepEqual(p.impact.spans.ids, spanIds('N1-N2', 'N2-N3', 'M-M2'));
  assert.deepEqual(p.events.map((e) => e.action), ['create']);
  assert.ok(Math.abs(p.length_m - 1000) <= 5);
  const audit = await t.db.query<{ action: string }>("SELECT action FROM audit_log WHERE entity_type = 'burial_project' AND entity_id = $1", [String(p.id)]);
  assert.deepEqual(audit.rows.map((r) => r.action), ['burial_project.create']);
});

test('illegal moves and stale versions → 409; cancelling needs a reason', async () => {
  const p = await create();
  assert.equal((await move(p.id, { action: 'complete', version: 1 })).json().error.code, 'illegal_transition');
  assert.equal((await move(p.id, { action: 'start', version: 1 })).statusCode, 409);
  const ok = await move(p.id, { action: 'approve', version: 1 });
  assert.equal(ok.statusCode, 200, ok.body);
  assert.equal(ok.json().version, 2);
  const stale = await move(p.id, { action: 'start', version: 1 });
  assert.equal(stale.statusCode, 409);
  assert.equal(stale.json().error.code, 'stale_version');
  assert.equal((await move(p.id, { action: 'approve', version: 2 })).json().error.code, 'illegal_transition');
  const patch = await t.app.inject({ method: 'PATCH', url: `/api/burial-projects/${p.id}`, headers: planner.headers, payload: { version: 2, name: '改名' } });
  assert.equal(patch.json().error.code, 'not_editable');
  assert.equal((await move(p.id, { action: 'start', version: 2, on: '2027-01-01' })).json().error.code, 'date_in_future');
  assert.equal((await move(p.id, { action: 'cancel', version: 2 })).json().error.code, 'reason_required');
  assert.equal((await move(p.id, { action: 'approve', version: 2 }, await login(t.app, 'viewer'))).statusCode, 403);
  const cancelled = await move(p.id, { action: 'cancel', version: 2, reason: '与道路改造合并' });
  assert.equal(cancelled.json().status, 'cancelled');
  assert.equal((await move(p.id, { action: 'approve', version: 3 })).statusCode, 409);
  const ev = cancelled.json().events as { action: string; from_status: string; to_status: string; reason: string | null }[];
  assert.deepEqual(ev.map((e) => [e.action, e.from_status, e.to_status]), [['create', null, 'proposed'], ['approve', 'proposed', 'approved'], ['cancel', 'approved', 'cancelled']]);
  assert.equal(ev[2]!.reason, '与道路改造合并');
});

test('two moves at the same moment with the same version: one wins, the other gets 409', async () => {
  const p = await create();
  const [a, b] = await Promise.all([move(p.id, { action: 'approve', version: 1 }), move(p.id, { action: 'cancel', version: 1, reason: '重复' })]);
  assert.deepEqual([a.statusCode, b.statusCode].sort(), [200, 409]);
  const events = (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM burial_project_events WHERE project_id = $1', [p.id])).rows[0]!.n;
  assert.equal(events, 2, 'create and the one move that won');
});

test('a proposal can be edited with its version; a stale edit is refused and changes nothing', async () => {
  const p = await create();
  const url = `/api/burial-projects/${p.id}`;
  const ok = await t.app.inject({ method: 'PATCH', url, headers: planner.headers, payload: { version: 1, corridor_m: 35, firms: ['telecom'] } });
  assert.equal(ok.statusCode, 200, ok.body);
  assert.equal(ok.json().version, 2);
  assert.deepEqual(ok.json().impact.spans.ids, spanIds('N1-N2', 'N2-N3', 'S1-S2', 'M-M2'));
  assert.deepEqual(ok.json().firms.map((f: { code: string }) => f.code), ['telecom']);
  const stale = await t.app.inject({ method: 'PATCH', url, headers: planner.headers, payload: { version: 1, name: 'late' } });
  assert.equal(stale.statusCode, 409);
  assert.equal((await t.app.inject({ method: 'GET', url, headers: planner.headers })).json().name, p.name);
});

test('a redrawn route takes its district with it, unless the same edit names one', async () => {
  const p = await create();
  const url = `/api/burial-projects/${p.id}`;
  // A short route inside another district than the scene's.
  const other = (await t.db.query<{ code: string; route: { type: 'LineString'; coordinates: number[][] } }>(
    `SELECT code, ST_AsGeoJSON(ST_MakeLine(pt, ST_Translate(pt, 0.0005, 0)))::json AS route
     FROM (SELECT code, ST_PointOnSurface(geom) AS pt FROM districts WHERE code <> $1 ORDER BY code LIMIT 1) d`, [p.district])).rows[0]!;
  const moved = await t.app.inject({ method: 'PATCH', url, headers: planner.headers, payload: { version: 1, route: other.route } });
  assert.equal(moved.statusCode, 200, moved.body);
  assert.equal(moved.json().district, other.code);
  const named = await t.app.inject({ method: 'PATCH', url, headers: planner.headers, payload: { version: 2, route: scene.route, district: other.code } });
  assert.equal(named.statusCode, 200, named.body);
  assert.equal(named.json().district, other.code, 'the named district wins');
  const back = await t.app.inject({ method: 'PATCH', url, headers: planner.headers, payload: { version: 3, route: scene.route } });
  assert.equal(back.json().district, p.district);
});

test('completion buries exactly the spans along the route, flags exactly the freed poles, and moves the buried km by their length', async () => {
  const admin = await login(t.app, 'admin');
  const dash = async () => (await t.app.inject({ method: 'GET', url: '/api/dashboard', headers: admin.headers })).json().totals as { km_buried_total: number; km_buried_this_year: number; removal_candidates: number };
  const state = async () => ({
    spans: (await t.db.query<{ id: number; status: string; buried_at: string | null }>('SELECT id, status, buried_at FROM spans ORDER BY id')).rows,
    poles: (await t.db.query<{ id: number; version: number; removal_candidate: boolean }>('SELECT id, version, removal_candidate FROM poles ORDER BY id')).rows,
  });
  const p = await create();
  for (const [action, v] of [['approve', 1], ['start', 2]] as const) assert.equal((await move(p.id, { action, version: v, on: '2026-11-02' })).statusCode, 200);
  const planned = (await t.app.inject({ method: 'GET', url: `/api/burial-projects/${p.id}`, headers: planner.headers })).json().impact as Impact;
  const d0 = await dash();
  const s0 = await state();
  const done = await move(p.id, { action: 'complete', version: 3, on: '2026-11-28' });
  assert.equal(done.statusCode, 200, done.body);
  const s1 = await state();
  const d1 = await dash();

  const changedSpans = s1.spans.filter((s, i) => JSON.stringify(s) !== JSON.stringify(s0.spans[i])).map((s) => s.id);
  assert.deepEqual(changedSpans, planned.spans.ids);
  assert.ok(s1.spans.filter((s) => changedSpans.includes(s.id)).every((s) => s.status === 'buried' && s.buried_at === '2026-11-28'));
  const changedPoles = s1.poles.filter((x, i) => JSON.stringify(x) !== JSON.stringify(s0.poles[i])).map((x) => x.id);
  assert.deepEqual(changedPoles, poleIds('N1', 'N2', 'N3', 'M2'));
  assert.ok(s1.poles.filter((x) => changedPoles.includes(x.id)).every((x) => x.removal_candidate));

  const lengths = (await t.db.query<{ m: number }>('SELECT sum(ST_Length(geom::geography))::float8 AS m FROM spans WHERE id = ANY($1::int[])', [changedSpans])).rows[0]!.m;
  assert.ok(Math.abs((d1.km_buried_total - d0.km_buried_total) * 1000 - lengths) < 1e-6, `${(d1.km_buried_total - d0.km_buried_total) * 1000} vs ${lengths}`);
  assert.ok(Math.abs((d1.km_buried_this_year - d0.km_buried_this_year) * 1000 - lengths) < 1e-6);
  assert.ok(Math.abs((d1.km_buried_total - d0.km_buried_total) * 1000 - planned.spans.overhead_m) < 0.01);
  assert.equal(d1.removal_candidates - d0.removal_candidates, 4);

  const body = done.json();
  assert.equal(body.status, 'completed');
  assert.equal(body.actual_end, '2026-11-28');
  assert.deepEqual(body.impact.spans.ids, planned.spans.ids);
  assert.deepEqual(body.impact.freed_poles.map((x: { id: number }) => x.id), poleIds('N1', 'N2', 'N3', 'M2'));
  assert.deepEqual(body.events.map((e: { action: string }) => e.action), ['create', 'approve', 'start', 'complete']);

  const flagged = await t.app.inject({ method: 'GET', url: `/api/poles?bbox=${scene.bbox}&removal_candidate=true` });
  const feats = flagged.json().features as { id: number; properties: { removal_candidate: boolean; removal_candidate_project_id: number } }[];
  assert.deepEqual(feats.map((f) => f.id).sort((a, b) => a - b), poleIds('N1', 'N2', 'N3', 'M2'));
  assert.ok(feats.every((f) => f.properties.removal_candidate && f.properties.removal_candidate_project_id === p.id));
  const history = await t.app.inject({ method: 'GET', url: `/api/poles/${scene.poles.N2}/history` });
  assert.equal(history.json().items[0].action, 'removal_candidate');
  const audit = await t.db.query<{ action: string; n: number }>('SELECT action, count(*)::int AS n FROM audit_log WHERE request_id = (SELECT request_id FROM audit_log WHERE action = $1 ORDER BY id DESC LIMIT 1) GROUP BY action ORDER BY action', ['burial_project.complete']);
  assert.deepEqual(audit.rows.map((r) => [r.action, r.n]), [['burial_project.complete', 1], ['pole.removal_candidate', 4], ['span.bury', 3]]);

  // Frozen once completed: a later change to the registry does not rewrite what was applied.
  await t.db.query("UPDATE spans SET status = 'overhead', buried_at = NULL WHERE id = $1", [planned.spans.ids[0]]);
  const again = (await t.app.inject({ method: 'GET', url: `/api/burial-projects/${p.id}`, headers: planner.headers })).json();
  assert.deepEqual(again.impact.spans.ids, planned.spans.ids);
  assert.equal((await move(p.id, { action: 'cancel', version: 4, reason: 'x' })).json().error.code, 'illegal_transition');
});

test('an officer lifts the removal-candidate flag of a pole that must stay; the owning carrier may not; history and audit say so', async () => {
  const officer = await login(t.app, 'officer');
  const unicom = await login(t.app, 'unicom');
  const [n1, m2] = [scene.poles.N1, scene.poles.M2];
  await t.db.query("UPDATE poles SET owner_org_id = (SELECT id FROM organisations WHERE code = 'unicom'), ownership_status = 'confirmed' WHERE id = $1", [n1]);
  const read = async (id: number) => t.app.inject({ method: 'GET', url: `/api/poles/${id}`, headers: officer.headers });
  const lift = async (id: number, s: Session) => {
    const etag = (await read(id)).headers.etag as string;
    return t.app.inject({ method: 'PATCH', url: `/api/poles/${id}`, headers: { ...s.headers, 'if-match': etag }, payload: { removal_candidate: false } });
  };
  const mine = await lift(n1, unicom);
  assert.equal(mine.statusCode, 403, 'its owner cannot talk a pole off the list');
  assert.equal(mine.json().error.code, 'officer_only_field');
  assert.equal((await read(n1)).json().properties.removal_candidate, true, 'nothing changed');
  const setting = await t.app.inject({ method: 'PATCH', url: `/api/poles/${m2}`, headers: { ...officer.headers, 'if-match': (await read(m2)).headers.etag as string }, payload: { removal_candidate: true } });
  assert.equal(setting.statusCode, 422, 'only a burial sets the flag');

  const before = (await read(m2)).json().properties;
  const lifted = await lift(m2, officer);
  assert.equal(lifted.statusCode, 200);
  assert.deepEqual([lifted.json().properties.removal_candidate, lifted.json().properties.removal_candidate_project_id, lifted.json().properties.removal_candidate_since], [false, null, null]);
  assert.equal(lifted.json().properties.version, before.version + 1);
  const again = await lift(m2, officer);
  assert.equal(again.statusCode, 409);
  assert.equal(again.json().error.code, 'not_a_removal_candidate');
  const listed = await t.app.inject({ method: 'GET', url: `/api/poles?bbox=${scene.bbox}&removal_candidate=true` });
  assert.ok(!listed.json().features.some((f: { id: number }) => f.id === m2), 'off the candidates list and layer');
  const history = (await t.app.inject({ method: 'GET', url: `/api/poles/${m2}/history` })).json().items[0];
  assert.deepEqual(history.changes.removal_candidate, [true, false]);
  assert.deepEqual(history.changes.removal_candidate_project_id, [before.removal_candidate_project_id, null]);
  const audit = await t.db.query<{ before: Record<string, unknown>; after: Record<string, unknown> }>("SELECT before, after FROM audit_log WHERE action = 'pole.update' AND entity_id = $1 ORDER BY id DESC LIMIT 1", [String(m2)]);
  assert.deepEqual([audit.rows[0]!.before.removal_candidate, audit.rows[0]!.after.removal_candidate], [true, false]);
});
