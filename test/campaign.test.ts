import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { csvCell } from '../server/dashboard/dashboard.csv.ts';
import { login, startTestApp, type Session, type TestContext } from './support/test.app.ts';

let t: TestContext;
let officer: Session;
let viewer: Session;
let telecom: Session;
const NOW = new Date('2026-11-29T04:00:00Z');
before(async () => {
  t = await startTestApp({ LOGIN_RATE_PER_MINUTE: '1000' }, undefined, () => NOW);
  [officer, viewer, telecom] = await Promise.all(['officer', 'viewer', 'telecom'].map((u) => login(t.app, u)));
});
after(() => t.close());

type Figures = {
  year: number;
  totals: Record<string, number | null>;
  series: { month: string; removed: number; cumulative_removed: number; km: number }[];
  by_district: { code: string; removed_total: number; removed_this_year: number; orphan_poles: number; km_buried: number; open_claims: number; target_poles: number | null }[];
  by_firm: { code: string; removals_done: number; poles_owned: number; claims_filed: number }[];
  by_location_kind: { location_kind: string; removed_total: number; removed_this_year: number }[];
};
const figures = async (): Promise<Figures> => (await t.app.inject({ method: 'GET', url: '/api/dashboard', headers: viewer.headers })).json();
const sql = async <T extends object>(text: string, params: unknown[] = []) => (await t.db.query<T>(text, params)).rows;

test('every dashboard figure equals a direct SQL count over the registry', async () => {
  const f = await figures();
  assert.equal(f.year, 2026);
  const c = (f as unknown as { campaign: { baseline_removed: number; baseline_until: string; baseline_from: string } }).campaign;
  assert.deepEqual([c.baseline_removed, c.baseline_until, c.baseline_from], [737, '2020-04-16', '2019-06-01']);
  // The truth, computed here from the poles themselves rather than the removals table.
  const [truth] = await sql<{ removed: number; baseline: number; year: number; orphan: number; km: number }>(`SELECT
      count(*) FILTER (WHERE status = 'removed')::int AS removed,
      count(*) FILTER (WHERE status = 'removed' AND (removed_at AT TIME ZONE 'Asia/Shanghai')::date <= '2020-04-16')::int AS baseline,
      count(*) FILTER (WHERE status = 'removed' AND extract(year FROM removed_at AT TIME ZONE 'Asia/Shanghai') = 2026)::int AS year,
      count(*) FILTER (WHERE status <> 'removed' AND owner_org_id IS NULL)::int AS orphan,
      (SELECT sum(ST_Length(geom::geography)) / 1000 FROM spans WHERE status = 'buried')::float8 AS km
    FROM poles`);
  assert.equal(f.totals.removed_total, truth!.removed);
  assert.equal(f.totals.removed_until_baseline, 737, 'the 「十乱」 campaign: 737 poles by 2020-04-16');
  assert.equal(f.totals.removed_until_baseline, truth!.baseline);
  assert.equal(f.totals.removed_this_year, truth!.year);
  assert.equal(f.totals.orphan_poles, truth!.orphan);
  assert.ok(Math.abs(f.totals.km_buried_total! - truth!.km) < 1e-9);
  assert.equal(f.totals.target_poles, 400);

  const byDistrict = await sql<{ code: string; n: number; orphan: number }>(`SELECT d.code, count(*) FILTER (WHERE p.status = 'removed')::int AS n,
      count(*) FILTER (WHERE p.status <> 'removed' AND p.owner_org_id IS NULL)::int AS orphan FROM districts d JOIN poles p ON p.district_id = d.id GROUP BY d.code`);
  for (const d of byDistrict) {
    const row = f.by_district.find((x) => x.code === d.code)!;
    assert.equal(row.removed_total, d.n, d.code);
    assert.equal(row.orphan_poles, d.orphan, d.code);
  }
  const byFirm = await sql<{ code: string; n: number; owned: number }>(`SELECT o.code, (SELECT count(*) FROM poles p WHERE p.removed_by_org_id = o.id)::int AS n,
      (SELECT count(*) FROM poles p WHERE p.owner_org_id = o.id AND p.status <> 'removed')::int AS owned FROM organisations o WHERE o.kind = 'carrier'`);
  for (const r of byFirm) {
    const row = f.by_firm.find((x) => x.code === r.code)!;
    assert.equal(row.removals_done, r.n, r.code);
    assert.equal(row.poles_owned, r.owned, r.code);
  }
  const ranks = f.by_firm.map((x) => x.removals_done);
  assert.deepEqual(ranks, [...ranks].sort((a, b) => b - a), 'the ranking is ordered by removals done');
  const byKind = await sql<{ k: string; n: number }>(`SELECT location_kind AS k, count(*)::int AS n FROM poles WHERE status = 'removed' GROUP BY 1`);
  for (const k of byKind) assert.equal(f.by_location_kind.find((x) => x.location_kind === k.k)!.removed_total, k.n, k.k);

  assert.equal(f.series[0]!.month, '2019-06');
  assert.equal(f.series.at(-1)!.month, '2026-11');
  assert.equal(f.series.at(-1)!.cumulative_removed, truth!.removed);
  const apr2020 = f.series.find((s) => s.month === '2020-04')!;
  assert.equal(apr2020.cumulative_removed, 737, 'no campaign removal after 2020-04-16 in April 2020');
});

test('recording a removal moves the figures by exactly one, everywhere', async () => {
  const before_ = await figures();
  const [pole] = await sql<{ id: number; district: string; kind: string }>(`SELECT p.id, d.code AS district, p.location_kind AS kind FROM poles p JOIN districts d ON d.id = p.district_id
     JOIN organisations o ON o.id = p.owner_org_id WHERE o.code = 'telecom' AND p.status = 'in_service' AND p.location_kind = 'alley' ORDER BY p.id LIMIT 1`);
  const res = await t.app.inject({ method: 'POST', url: '/api/removals', headers: telecom.headers, payload: { pole_id: pole!.id, removed_on: '2026-11-20', note: '背街小巷整治' } });
  assert.equal(res.statusCode, 201, res.body);
  assert.equal(res.json().campaign_code, 'lanes-2021');
  const after_ = await figures();
  const delta = (k: string) => (after_.totals[k] as number) - (before_.totals[k] as number);
  assert.equal(delta('removed_total'), 1);
  assert.equal(delta('removed_this_year'), 1);
  assert.equal(delta('removed_since_baseline'), 1);
  assert.equal(delta('removed_until_baseline'), 0);
  const d = (f: Figures) => f.by_district.find((x) => x.code === pole!.district)!;
  assert.equal(d(after_).removed_total - d(before_).removed_total, 1);
  assert.equal(d(after_).removed_this_year - d(before_).removed_this_year, 1);
  const firm = (f: Figures) => f.by_firm.find((x) => x.code === 'telecom')!;
  assert.equal(firm(after_).removals_done - firm(before_).removals_done, 1);
  assert.equal(firm(after_).poles_owned - firm(before_).poles_owned, -1);
  const kind = (f: Figures) => f.by_location_kind.find((x) => x.location_kind === 'alley')!;
  assert.equal(kind(after_).removed_total - kind(before_).removed_total, 1);
  assert.equal(after_.series.at(-1)!.removed - before_.series.at(-1)!.removed, 1);
  const pub = (await t.app.inject({ method: 'GET', url: '/api/public/progress' })).json();
  assert.equal(pub.totals.removed_total, after_.totals.removed_total);
  // The pole leaves the live map but shows on the removed layer.
  const live = (await t.app.inject({ method: 'GET', url: `/api/poles?status=in_service,abandoned&limit=5000&bbox=-180,-90,180,90&owner=telecom&condition=${encodeURIComponent('good,leaning,damaged,broken,fallen')}` })).json();
  assert.ok(!live.features.some((f: { id: number }) => f.id === pole!.id));
  const removedLayer = (await t.app.inject({ method: 'GET', url: '/api/public/removed-poles?limit=20000' })).json();
  assert.ok(removedLayer.features.some((f: { properties: { code: string; removed_on: string } }) => f.properties.removed_on === '2026-11-20'));
});

test('verify, then void: an audited correction that brings the pole back and the figures down', async () => {
  const [pole] = await sql<{ id: number }>(`SELECT id FROM poles WHERE status = 'abandoned' ORDER BY id LIMIT 1`);
  const rec = await t.app.inject({ method: 'POST', url: '/api/removals', headers: officer.headers, payload: { pole_id: pole!.id, removed_on: '2026-11-28', org: 'enforcement' } });
  assert.equal(rec.statusCode, 201, rec.body);
  const id = rec.json().id as number;
  const mid = await figures();
  assert.equal((await t.app.inject({ method: 'POST', url: `/api/removals/${id}/verify`, headers: officer.headers })).json().status, 'verified');
  const v = await t.app.inject({ method: 'POST', url: `/api/removals/${id}/void`, headers: officer.headers, payload: { reason: '误录：该杆仍在原处' } });
  assert.equal(v.statusCode, 200, v.body);
  assert.equal(v.json().status, 'voided');
  const [p] = await sql<{ status: string; removed_at: Date | null }>('SELECT status, removed_at FROM poles WHERE id = $1', [pole!.id]);
  assert.deepEqual(p, { status: 'abandoned', removed_at: null });
  assert.equal((await figures()).totals.removed_total, mid.totals.removed_total! - 1);
  const byPole = (await t.app.inject({ method: 'GET', url: `/api/removals?pole_id=${pole!.id}`, headers: viewer.headers })).json().items;
  assert.deepEqual(byPole.map((r: { id: number; status: string }) => [r.id, r.status]), [[id, 'voided']]);
  assert.ok(byPole[0].voided_at);
  const [kept] = await sql<{ n: number }>('SELECT count(*)::int AS n FROM removals WHERE id = $1', [id]);
  assert.equal(kept!.n, 1, 'the wrong record is kept, never deleted');
  const [audit] = await sql<{ n: number }>("SELECT count(*)::int AS n FROM audit_log WHERE entity_type = 'removal' AND entity_id = $1 AND action IN ('removal.record', 'removal.verify', 'removal.void')", [String(id)]);
  assert.equal(audit!.n, 3);
  const again = await t.app.inject({ method: 'POST', url: '/api/removals', headers: officer.headers, payload: { pole_id: pole!.id, removed_on: '2026-11-29', org: 'enforcement' } });
  assert.equal(again.statusCode, 201, 'after a void the pole can be recorded again');
});

test('removal input is checked: dates, duplicates and who may record', async () => {
  const [pole] = await sql<{ id: number }>(`SELECT p.id FROM poles p JOIN organisations o ON o.id = p.owner_org_id WHERE o.code = 'unicom' AND p.status = 'in_service'
     AND NOT EXISTS (SELECT 1 FROM attachments a JOIN organisations x ON x.id = a.org_id WHERE a.pole_id = p.id AND x.code = 'telecom' AND a.status = 'active') ORDER BY p.id LIMIT 1`);
  const send = (s: Session, payload: object) => t.app.inject({ method: 'POST', url: '/api/removals', headers: s.headers, payload });
  assert.equal((await send(officer, { pole_id: pole!.id, removed_on: '2026-02-30', org: 'unicom' })).json().error.code, 'invalid_date');
  assert.equal((await send(officer, { pole_id: pole!.id, removed_on: '2026-12-25', org: 'unicom' })).json().error.code, 'date_in_future');
  assert.equal((await send(officer, { pole_id: pole!.id, removed_on: '29/11/2026', org: 'unicom' })).statusCode, 422);
  assert.equal((await send(officer, { pole_id: pole!.id, removed_on: '2026-11-01' })).json().error.code, 'org_required');
  const notTheirs = await send(telecom, { pole_id: pole!.id, removed_on: '2026-11-01' });
  assert.equal(notTheirs.statusCode, 403);
  assert.equal(notTheirs.json().error.code, 'not_your_pole');
  const [removed] = await sql<{ id: number }>(`SELECT id FROM poles WHERE status = 'removed' LIMIT 1`);
  assert.equal((await send(officer, { pole_id: removed!.id, removed_on: '2026-11-01', org: 'unicom' })).statusCode, 409);
});

test('CSV exports open in Excel: BOM, Chinese headers, and no cell can run a formula', async () => {
  const res = await t.app.inject({ method: 'GET', url: '/api/dashboard/export.csv?table=districts', headers: viewer.headers });
  assert.equal(res.statusCode, 200);
  assert.match(String(res.headers['content-type']), /text\/csv; charset=utf-8/);
  assert.match(String(res.headers['content-disposition']), /attachment; filename="polewatch-districts-2026\.csv"/);
  const bytes = res.rawPayload;
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  const text = bytes.subarray(3).toString('utf8');
  assert.match(text, /^区 District,/);
  assert.match(text, /东昌府区 Dongchangfu/);
  assert.equal(text.split('\r\n').length, 4 + 2, 'header, four districts, final newline');
  for (const evil of ['=HYPERLINK("http://x")', '+1+1', '-2+3', '@SUM(A1)', '\tcmd']) assert.ok(csvCell(evil).replace(/^"/, '').startsWith("'"), evil);
  assert.equal(csvCell(-5), '-5', 'real negative numbers stay numbers');
  assert.equal(csvCell('a,"b"'), '"a,""b"""');
  assert.equal((await t.app.inject({ method: 'GET', url: '/api/dashboard/export.csv?table=passwords', headers: viewer.headers })).statusCode, 400);
  assert.equal((await t.app.inject({ method: 'GET', url: '/api/dashboard/export.csv?table=firms' })).statusCode, 401);
});

test('the public progress view is readable anonymously and carries no personal data', async () => {
  const res = await t.app.inject({ method: 'GET', url: '/api/public/progress' });
  assert.equal(res.statusCode, 200);
  assert.doesNotMatch(res.body, /user:|officer|recorded_by|photo|evidence|note/);
  const pts = await t.app.inject({ method: 'GET', url: '/api/public/removed-poles?bbox=115.97,36.44,116.0,36.47' });
  assert.equal(pts.statusCode, 200);
  const f = pts.json().features[0];
  assert.deepEqual(Object.keys(f.properties).sort(), ['code', 'district_code', 'removed_on']);
  assert.equal((await t.app.inject({ method: 'GET', url: '/api/dashboard' })).statusCode, 401);
});
