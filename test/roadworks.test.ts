import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../server/app.ts';
import { loadConfig } from '../server/config/config.ts';
import { login, startTestApp, type Session, type TestContext } from './support/test.app.ts';

/**
 * Road works (entered, edited, imported), the dig-once ranking and the overlap warnings of a
 * burial route, on the fixture city's 2027 road works and burial proposals.
 */
let t: TestContext;
let planner: Session;
const NOW = new Date('2026-11-29T04:00:00Z');
before(async () => {
  t = await startTestApp({ LOGIN_RATE_PER_MINUTE: '1000' }, undefined, () => NOW);
  planner = await login(t.app, 'planner');
});
after(() => t.close());

const req = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown, s: Session | null = planner) =>
  t.app.inject({ method, url, headers: s?.headers ?? {}, ...(payload === undefined ? {} : { payload: payload as object }) });
const count = async (table: string) => (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0]!.n;

const LINE = { type: 'LineString', coordinates: [[115.99, 36.4611], [115.995, 36.4612]] };
const SQUARE = { type: 'Polygon', coordinates: [[[115.99, 36.46], [115.992, 36.46], [115.992, 36.462], [115.99, 36.462], [115.99, 36.46]]] };
const works = (extra: object = {}) => ({ name: '新华路维修', geometry: LINE, planned_start: '2027-05-01', planned_end: '2027-06-30', ...extra });

test('the fixture city has 2027 road works along its roads and two burial proposals', async () => {
  const res = await req('GET', '/api/road-works?from=2027-01-01&to=2027-12-31');
  assert.equal(res.statusCode, 200);
  assert.match(String(res.headers['content-type']), /geo\+json/);
  const names = res.json().features.map((f: { properties: { name: string } }) => f.properties.name);
  assert.ok(names.includes('东昌路改造（柳园路—花园路）'), names.join());
  assert.ok(names.length >= 4);
  const area = res.json().features.find((f: { geometry: { type: string } }) => f.geometry.type === 'Polygon');
  assert.ok(area.properties.area_m2 > 10000 && area.properties.length_m === null);
  const projects = (await req('GET', '/api/burial-projects')).json().features as { properties: { status: string } }[];
  assert.deepEqual(projects.map((p) => p.properties.status).sort(), ['approved', 'proposed']);
});

test('road works are entered as lines or areas, planners and admins only, with clear refusals', async () => {
  const line = await req('POST', '/api/road-works', works());
  assert.equal(line.statusCode, 201, line.body);
  const p = line.json().properties;
  assert.ok(p.length_m > 400 && p.length_m < 500, String(p.length_m));
  assert.deepEqual([p.status, p.district_code, p.version, p.area_m2], ['planned', 'DCF', 1, null]);
  const area = await req('POST', '/api/road-works', works({ name: '广场改造', geometry: SQUARE, status: 'in_progress', district: 'DCF' }));
  assert.equal(area.statusCode, 201, area.body);
  assert.ok(area.json().properties.area_m2 > 30000);
  const before_ = await count('road_works');
  const bowtie = { type: 'Polygon', coordinates: [[[115.99, 36.46], [115.992, 36.462], [115.992, 36.46], [115.99, 36.462], [115.99, 36.46]]] };
  const bad = await req('POST', '/api/road-works', works({ geometry: bowtie }));
  assert.equal(bad.statusCode, 422);
  assert.match(bad.json().error.message, /Self-intersection/i);
  assert.equal((await req('POST', '/api/road-works', works({ geometry: { type: 'Point', coordinates: [115.99, 36.46] } }))).json().error.code, 'wrong_geometry_type');
  assert.equal((await req('POST', '/api/road-works', works({ planned_end: '2027-04-01' }))).json().error.code, 'invalid_period');
  assert.equal((await req('POST', '/api/road-works', works({ status: 'finished' }))).statusCode, 422);
  assert.equal((await req('POST', '/api/road-works', works(), await login(t.app, 'unicom'))).statusCode, 403);
  assert.equal((await req('POST', '/api/road-works', works(), null)).statusCode, 401);
  assert.equal(await count('road_works'), before_, 'nothing half-written');
});

test('the list filters by bbox, status, district and dates; bad filters → 400', async () => {
  const ids = (r: { json(): { features: { id: number }[] } }) => r.json().features.map((f) => f.id);
  const inBox = await req('GET', '/api/road-works?bbox=115.989,36.459,115.996,36.463');
  assert.ok(ids(inBox).length >= 2);
  const inProgress = await req('GET', '/api/road-works?status=in_progress');
  assert.ok(inProgress.json().features.every((f: { properties: { status: string } }) => f.properties.status === 'in_progress'));
  assert.equal((await req('GET', '/api/road-works?from=2030-01-01')).json().features.length, 0);
  assert.equal((await req('GET', '/api/road-works?limit=1')).json().features.length, 1);
  assert.ok((await req('GET', '/api/road-works?limit=1')).json().next);
  for (const q of ['bbox=1,2,3', 'status=done', 'from=2027-13-01', 'limit=0', 'cursor=abc', 'district=dcf', 'sort=name']) {
    const res = await req('GET', `/api/road-works?${q}`);
    assert.ok(res.statusCode === 400 || res.statusCode === 422, `${q} → ${res.statusCode}`);
  }
  assert.equal((await req('GET', '/api/road-works', undefined, null)).statusCode, 401);
});

test('edits need the version; status moves follow the transition table', async () => {
  const id = (await req('POST', '/api/road-works', works())).json().id as number;
  const url = `/api/road-works/${id}`;
  const ok = await req('PATCH', url, { version: 1, status: 'in_progress', planned_end: '2027-07-15' });
  assert.equal(ok.statusCode, 200, ok.body);
  assert.deepEqual([ok.json().properties.version, ok.json().properties.status, ok.json().properties.planned_end], [2, 'in_progress', '2027-07-15']);
  assert.equal((await req('PATCH', url, { version: 1, name: 'late' })).json().error.code, 'stale_version');
  const back = await req('PATCH', url, { version: 2, status: 'planned' });
  assert.equal(back.statusCode, 409);
  assert.equal(back.json().error.code, 'illegal_transition');
  assert.equal((await req('PATCH', url, { version: 2, planned_start: '2027-08-01' })).json().error.code, 'invalid_period');
  assert.equal((await req('PATCH', '/api/road-works/999999', { version: 1, name: 'x' })).statusCode, 404);
  const audit = await t.db.query<{ action: string }>("SELECT action FROM audit_log WHERE entity_type = 'road_works' AND entity_id = $1 ORDER BY id", [String(id)]);
  assert.deepEqual(audit.rows.map((r) => r.action), ['road_works.create', 'road_works.update']);
});

test('the database itself refuses unlisted status moves of road works and projects', async () => {
  const w = (await req('POST', '/api/road-works', works())).json().id as number;
  await t.db.query("UPDATE road_works SET status = 'completed' WHERE id = $1", [w]);
  await assert.rejects(t.db.query("UPDATE road_works SET status = 'in_progress' WHERE id = $1", [w]), /may not move/);
  const p = (await t.db.query<{ id: number }>("SELECT id FROM burial_projects WHERE status = 'proposed' ORDER BY id LIMIT 1")).rows[0]!.id;
  await assert.rejects(t.db.query("UPDATE burial_projects SET status = 'in_progress', actual_start = '2026-11-01' WHERE id = $1", [p]), /may not move/);
  await assert.rejects(t.db.query('UPDATE burial_project_events SET reason = $1', ['x']), /append-only/);
});

const fc = (features: unknown[]) => ({ type: 'FeatureCollection', features });
const feature = (props: object, geometry: object = LINE) => ({ type: 'Feature', geometry, properties: { name: '导入道路', planned_start: '2027-09-01', planned_end: '2027-10-01', ...props } });

test('import: a dry run checks every feature and writes nothing; a clean file is imported whole', async () => {
  const before_ = await count('road_works');
  const file = fc([feature({ name: '运河路改造', survey_id: 'A-17' }), feature({ name: '广场', status: 'in_progress', district: 'DCF' }, SQUARE)]);
  const dry = await req('POST', '/api/road-works/import?dry_run=true', file);
  assert.equal(dry.statusCode, 200, dry.body);
  assert.deepEqual(dry.json(), { dry_run: true, created: 0, valid: 2, errors: [], ids: [] });
  assert.equal(await count('road_works'), before_);
  const done = await req('POST', '/api/road-works/import', file);
  assert.equal(done.statusCode, 200, done.body);
  assert.equal(done.json().created, 2);
  assert.equal(await count('road_works'), before_ + 2);
  const audit = await t.db.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_log WHERE action = 'road_works.import'");
  assert.equal(audit.rows[0]!.n, 2);
});

test('import is all or nothing: any bad feature is reported by index and nothing is written', async () => {
  const before_ = await count('road_works');
  const bowtie = { type: 'Polygon', coordinates: [[[115.99, 36.46], [115.992, 36.462], [115.992, 36.46], [115.99, 36.462], [115.99, 36.46]]] };
  const file = fc([feature({}), feature({ planned_end: '2027-02-30' }), feature({}, bowtie), feature({}, { type: 'LineString', coordinates: [[121.47, 31.23], [121.48, 31.23]] }), { type: 'Feature' }, feature({ name: '' })]);
  for (const url of ['/api/road-works/import', '/api/road-works/import?dry_run=true']) {
    const res = await req('POST', url, file);
    const body = res.json();
    assert.equal(res.statusCode, url.includes('dry_run') ? 200 : 422, res.body);
    assert.deepEqual(body.errors.map((e: { index: number; code: string }) => [e.index, e.code]),
      [[1, 'invalid_date'], [2, 'invalid_geometry'], [3, 'outside_service_area'], [4, 'invalid_geometry'], [5, 'invalid_name']]);
    assert.equal(body.created, 0);
    if (!url.includes('dry_run')) assert.equal(body.error.code, 'import_has_errors');
  }
  assert.equal(await count('road_works'), before_);
  assert.equal((await req('POST', '/api/road-works/import', fc([]))).json().error.code, 'empty_import');
  assert.equal((await req('POST', '/api/road-works/import', { type: 'Feature', features: [] })).statusCode, 422);
  assert.equal((await req('POST', '/api/road-works/import?dry_run=yes', file)).statusCode, 400);
});

type Ranked = { id: number; name: string; overhead_m: number; overhead_spans: number; firms: string[]; tangled_poles: number; orphan_poles: number; score: number; planned_start: string };

test('dig once: open road works ranked by score, each figure from the same corridor rule as a burial', async () => {
  const res = await req('GET', '/api/road-works/ranking');
  assert.equal(res.statusCode, 200, res.body);
  const body = res.json() as { from: string; to: string; corridor_m: number; items: Ranked[] };
  assert.deepEqual([body.from, body.corridor_m], ['2026-11-29', 15]);
  const scores = body.items.map((i) => i.score);
  assert.deepEqual(scores, [...scores].sort((a, b) => b - a));
  const dongchang = body.items.find((i) => i.name.startsWith('东昌路改造'))!;
  assert.ok(dongchang.overhead_m > 1000 && dongchang.firms.length >= 2, JSON.stringify(dongchang));
  assert.ok(dongchang.score >= dongchang.overhead_m / 100);
  // The same spans as the impact of a burial drawn on the works' line.
  const geom = (await req('GET', '/api/road-works?from=2027-01-01')).json().features.find((f: { id: number }) => f.id === dongchang.id).geometry;
  const impact = (await req('POST', '/api/burial-projects/impact', { route: geom })).json();
  assert.equal(impact.spans.count, dongchang.overhead_spans);
  assert.ok(Math.abs(impact.spans.overhead_m - dongchang.overhead_m) < 0.02);

  const later = (await req('GET', '/api/road-works/ranking?from=2027-06-01&to=2027-12-31')).json().items as Ranked[];
  assert.ok(later.length > 0 && later.every((i) => i.planned_start >= '2027-06-01'));
  const wide = (await req('GET', '/api/road-works/ranking?corridor_m=40')).json().items as Ranked[];
  assert.ok(wide.find((i) => i.id === dongchang.id)!.overhead_m >= dongchang.overhead_m);
  assert.equal((await req('GET', '/api/road-works/ranking?corridor_m=abc')).statusCode, 400);
  assert.equal((await req('GET', '/api/road-works/ranking?corridor_m=500')).statusCode, 400);
  assert.equal((await req('GET', '/api/road-works/ranking?from=2027-06-01&to=2027-01-01')).statusCode, 422);
});

test('warnings: a proposal lined up with road works, another project on the same road, and works outside the window', async () => {
  const p1 = (await req('GET', '/api/burial-projects/1')).json();
  const kinds = p1.impact.warnings.map((w: { kind: string; name?: string }) => `${w.kind}:${w.name ?? ''}`);
  assert.ok(kinds.includes('road_works_overlap:东昌路改造（柳园路—花园路）'), kinds.join());
  const along = p1.impact.warnings.find((w: { name?: string }) => w.name === '东昌路改造（柳园路—花园路）');
  assert.ok(along.overlap_m > 1500 && /dig once/.test(along.message));
  assert.ok(!kinds.some((k: string) => k.startsWith('burial_overlap')), 'a project does not overlap itself');

  const same = (await req('POST', '/api/burial-projects/impact', { route: p1.route, planned_start: '2027-03-01', planned_end: '2027-04-30' })).json();
  const overlap = same.warnings.find((w: { kind: string }) => w.kind === 'burial_overlap');
  assert.equal(overlap.id, 1);
  const excluded = (await req('POST', '/api/burial-projects/impact', { route: p1.route, exclude_project_id: 1, planned_start: '2027-03-01', planned_end: '2027-04-30' })).json();
  assert.ok(!excluded.warnings.some((w: { kind: string }) => w.kind === 'burial_overlap'));

  const far = (await req('POST', '/api/burial-projects/impact', { route: p1.route, exclude_project_id: 1, planned_start: '2029-03-01', planned_end: '2029-04-30' })).json();
  assert.deepEqual(far.warnings.map((w: { kind: string }) => w.kind), ['no_road_works']);
  const shortWindow = await startTestAppWindow();
  assert.deepEqual(shortWindow, ['no_road_works']);
});

/** The window is configuration: an app on the same database with ±10 days instead of ±180. */
async function startTestAppWindow(): Promise<string[]> {
  const dates = { exclude_project_id: 1, planned_start: '2027-12-15', planned_end: '2028-01-31' };
  const route = (await req('GET', '/api/burial-projects/1')).json().route;
  const kinds = (r: { json(): { warnings: { kind: string }[] } }) => r.json().warnings.map((w) => w.kind);
  assert.ok(kinds(await req('POST', '/api/burial-projects/impact', { route, ...dates })).includes('road_works_overlap'));
  const other = await buildApp({ db: t.db, config: loadConfig({ ...process.env, BURIAL_ROAD_WORKS_WINDOW_DAYS: '10', JOBS_INTERVAL_MS: '0' }), webDir: null, now: () => NOW });
  try {
    const s = await login(other, 'planner');
    return kinds(await other.inject({ method: 'POST', url: '/api/burial-projects/impact', headers: s.headers, payload: { route, ...dates } }));
  } finally {
    await other.close();
  }
}
