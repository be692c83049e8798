import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import iconv from 'iconv-lite';
import gcoordModule from 'gcoord';
import { buildApp } from '../server/app.ts';
import { loadConfig } from '../server/config/config.ts';
import { login, startTestApp, type TestContext } from './support/test.app.ts';
import { ImportClient } from './support/import.client.ts';
import { runJobs } from '../server/jobs/jobs.scheduler.ts';

type Gcoord = (typeof gcoordModule)['default'];
const gcoord: Gcoord = (gcoordModule as unknown as { default?: Gcoord }).default ?? (gcoordModule as unknown as Gcoord);

let t: TestContext;
let api: ImportClient;
before(async () => {
  t = await startTestApp();
  api = new ImportClient(t, await login(t.app, 'officer'));
});
after(() => t.close());

const GBK_CSV = [
  '编号,经度,纬度,权属,状况,材质,杆高,安装年份,备注',
  'IMP-GBK-001,115.9851,36.4571,联通,倾斜,水泥杆,9,2008,东昌路与兴华路路口北侧，杆体倾斜',
  'IMP-GBK-002,115.9861,36.4581,中国电信,良好,木杆,8.5,2012,柳园南路人行道',
  'IMP-GBK-003,115.9871,36.4591,无主,断杆,,,,"古楼街道 ""光岳楼"" 附近"',
].join('\r\n') + '\r\n';

test('a GBK CSV saved from Excel is detected, decoded and imported with its Chinese values', async () => {
  const bytes = iconv.encode(GBK_CSV, 'gbk');
  assert.ok(!bytes.equals(Buffer.from(GBK_CSV, 'utf8')), 'the fixture really is GBK');
  const before = await api.tallies();
  const p = await api.preview(bytes, 'survey.csv');
  assert.equal(p.status, 201, JSON.stringify(p.body));
  assert.equal(p.body.encoding_detected, 'gbk');
  assert.equal(p.body.format, 'csv');
  assert.equal(p.body.lng_column, '经度');
  assert.equal(p.body.lat_column, '纬度');
  assert.deepEqual(p.body.counts, { new: 3, update: 0, unchanged: 0, error: 0 });
  assert.equal(p.body.rows[0]!.values['备注'], '东昌路与兴华路路口北侧，杆体倾斜');
  assert.equal(p.body.rows[2]!.values['备注'], '古楼街道 "光岳楼" 附近');
  assert.equal(p.body.rows[0]!.row, 2, 'rows are numbered as in the spreadsheet (header = 1)');

  const after = await api.tallies();
  assert.deepEqual({ ...after, imports: before.imports }, before, 'a dry run writes no pole, history or audit row');
  assert.equal(after.imports, before.imports + 1, 'the dry run is stored for the commit');

  const c = await api.commit(p.body.import_id);
  assert.equal(c.status, 200, JSON.stringify(c.body));
  assert.equal(c.body.inserted, 3);
  const p1 = await api.poleByCode('IMP-GBK-001');
  assert.deepEqual([p1.owner, p1.ownership_status, p1.condition, p1.material, p1.height_m, p1.install_year, p1.note, p1.source_crs],
    ['unicom', 'confirmed', 'leaning', 'concrete', '9.0', 2008, '东昌路与兴华路路口北侧，杆体倾斜', 'wgs84']);
  assert.equal((await api.poleByCode('IMP-GBK-002')).owner, 'telecom');
  const p3 = await api.poleByCode('IMP-GBK-003');
  assert.deepEqual([p3.owner, p3.ownership_status, p3.condition, p3.material, p3.height_m], [null, 'unknown', 'broken', 'unknown', null]);
  const h = await api.one<{ action: string; changes: Record<string, unknown> }>('SELECT action, changes FROM pole_history WHERE pole_id = $1', [p1.id]);
  assert.equal(h.action, 'import');
  assert.equal(h.changes.code, 'IMP-GBK-001');
  assert.equal((await api.commit(p.body.import_id)).status, 409, 'an import commits once');
});

test('importing the same file again finds every row unchanged and writes nothing', async () => {
  const bytes = iconv.encode(GBK_CSV, 'gbk');
  const p = await api.preview(bytes, 'survey.csv', { encoding: 'gbk' });
  assert.equal(p.status, 201);
  assert.deepEqual(p.body.counts, { new: 0, update: 0, unchanged: 3, error: 0 });
  const before = await api.tallies();
  const versions = (await api.poleByCode('IMP-GBK-001')).version;
  const c = await api.commit(p.body.import_id);
  assert.equal(c.status, 200);
  assert.deepEqual([c.body.inserted, c.body.updated, c.body.unchanged], [0, 0, 3]);
  const after = await api.tallies();
  assert.deepEqual({ ...after, imports: before.imports }, before);
  assert.equal((await api.poleByCode('IMP-GBK-001')).version, versions);
});

test('a UTF-8 CSV with a BOM: the BOM is stripped, formula-looking text is stored as text', async () => {
  const csv = '\uFEFFcode,lng,lat,condition,note\nIMP-BOM-001,115.9855,36.4575,good,=SUM(A1)\n';
  const p = await api.preview(Buffer.from(csv, 'utf8'), 'bom.csv');
  assert.equal(p.status, 201, JSON.stringify(p.body));
  assert.equal(p.body.encoding_detected, 'utf-8');
  assert.equal(p.body.columns[0], 'code');
  assert.equal(p.body.counts.new, 1);
  assert.equal((await api.commit(p.body.import_id)).status, 200);
  assert.equal((await api.poleByCode('IMP-BOM-001')).note, '=SUM(A1)');
});

test('GCJ-02 positions declared as such are converted to WGS84 (within 1 m) and the source system is recorded', async () => {
  const wgs: [number, number] = [115.98765, 36.45678];
  const [gx, gy] = gcoord.transform(wgs, gcoord.WGS84, gcoord.GCJ02) as [number, number];
  const csv = `编号,x,y\nIMP-GCJ-001,${gx.toFixed(7)},${gy.toFixed(7)}\n`;
  const p = await api.preview(Buffer.from(csv), 'gaode.csv', { crs: 'gcj02' });
  assert.equal(p.status, 201, JSON.stringify(p.body));
  assert.equal(p.body.crs, 'gcj02');
  assert.equal((await api.commit(p.body.import_id)).status, 200);
  assert.ok((await api.metresFrom('IMP-GCJ-001', ...wgs)) < 1);
  assert.equal((await api.poleByCode('IMP-GCJ-001')).source_crs, 'gcj02');
});

test('declared coordinate columns override the names found, and an unknown one is refused', async () => {
  const csv = 'pole,east,north\nIMP-COL-001,115.9856,36.4576\n';
  const none = await api.preview(Buffer.from(csv), 'cols.csv');
  assert.equal(none.status, 422);
  assert.equal(none.body.error!.code, 'coordinates_not_found');
  assert.deepEqual(none.body.error!.details, { columns: ['pole', 'east', 'north'] }, 'the columns to choose from go with the refusal');
  const bad = await api.preview(Buffer.from(csv), 'cols.csv', { lng_column: 'east', lat_column: 'nord' });
  assert.equal(bad.body.error!.code, 'unknown_column');
  // No code column either: every row fails, with a reason, and the file is still previewed.
  const ok = await api.preview(Buffer.from(csv), 'cols.csv', { lng_column: 'east', lat_column: 'north' });
  assert.equal(ok.status, 201);
  assert.equal(ok.body.rows[0]!.code, 'missing_code');
  assert.equal((await api.preview(Buffer.from(csv), 'cols.csv', { colour: 'red' })).status, 400, 'unknown form fields are refused');
});

test('GeoJSON: points import; strings as coordinates, wrong geometry, swapped and far-away points fail their rows only', async () => {
  const f = (coordinates: unknown, props: Record<string, unknown>, type = 'Point') => ({ type: 'Feature', geometry: { type, coordinates }, properties: props });
  const fc = {
    type: 'FeatureCollection',
    features: [
      f([115.9881, 36.4601], { code: 'IMP-GJ-001', owner: 'mobile', condition: 'damaged', height_m: 10 }),
      f(['115.98', '36.45'], { code: 'IMP-GJ-002' }),
      f([[[115.98, 36.45], [115.99, 36.45], [115.99, 36.46], [115.98, 36.45]]], { code: 'IMP-GJ-003' }, 'Polygon'),
      f([36.4601, 115.9881], { code: 'IMP-GJ-004' }),
      f([121.47, 31.23], { code: 'IMP-GJ-005' }),
      f([115.9882, 36.4602, 12.5], { code: 'IMP-GJ-006', 状况: '倒伏' }),
    ],
  };
  const before = await api.tallies();
  const p = await api.preview(Buffer.from(JSON.stringify(fc)), 'poles.geojson');
  assert.equal(p.status, 201, JSON.stringify(p.body));
  assert.deepEqual(p.body.counts, { new: 2, update: 0, unchanged: 0, error: 4 });
  assert.deepEqual(p.body.rows.map((r) => r.code ?? r.outcome), ['new', 'invalid_coordinates', 'wrong_geometry_type', 'latitude_out_of_range', 'outside_service_area', 'new']);
  const refused = await api.commit(p.body.import_id);
  assert.equal(refused.status, 422);
  assert.equal(refused.body.error.code, 'import_has_errors');
  assert.deepEqual(await api.tallies(), { ...before, imports: before.imports + 1 }, 'a refused commit writes nothing');
  const c = await api.commit(p.body.import_id, { skip_errors: true });
  assert.equal(c.status, 200, JSON.stringify(c.body));
  assert.deepEqual([c.body.inserted, c.body.skipped], [2, 4]);
  const p1 = await api.poleByCode('IMP-GJ-001');
  assert.deepEqual([p1.owner, p1.condition, p1.height_m], ['mobile', 'damaged', '10.0']);
  assert.equal((await api.poleByCode('IMP-GJ-006')).condition, 'fallen');
});

test('KML placemarks: the name is the pole code, ExtendedData the attributes; a DOCTYPE is refused', async () => {
  const kml = `<?xml version="1.0" encoding="UTF-8"?>
<kml xmlns="http://www.opengis.net/kml/2.2"><Document>
<Placemark><name>IMP-KML-001</name><ExtendedData><Data name="权属"><value>广电</value></Data><Data name="备注"><value>&lt;b&gt;在铁塔旁&lt;/b&gt; &amp; 路灯</value></Data></ExtendedData><Point><coordinates>115.9891,36.4611,0</coordinates></Point></Placemark>
<Placemark><name>IMP-KML-002</name><Point><coordinates>115.9892,36.4612</coordinates></Point></Placemark>
</Document></kml>`;
  const p = await api.preview(Buffer.from(kml), 'survey.kml');
  assert.equal(p.status, 201, JSON.stringify(p.body));
  assert.equal(p.body.format, 'kml');
  assert.equal(p.body.counts.new, 2);
  assert.equal((await api.commit(p.body.import_id)).status, 200);
  const k1 = await api.poleByCode('IMP-KML-001');
  assert.deepEqual([k1.owner, k1.note], ['broadcast', '<b>在铁塔旁</b> & 路灯']);
  const evil = `<?xml version="1.0"?><!DOCTYPE kml [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]><kml><Document><Placemark><name>&b;</name></Placemark></Document></kml>`;
  const r = await api.preview(Buffer.from(evil), 'evil.kml');
  assert.equal(r.status, 422);
  assert.equal(r.body.error!.code, 'invalid_kml');
});

test('an update by code changes only what differs, bumps the version and adds history and audit rows', async () => {
  const p0 = await api.one<{ id: number; code: string; lng: number; lat: number; condition: string; material: string; version: number }>(
    `SELECT id, code, ST_X(geom) AS lng, ST_Y(geom) AS lat, condition, material, version FROM poles
     WHERE status = 'in_service' AND condition <> 'damaged' AND owner_org_id IS NOT NULL ORDER BY id LIMIT 1`);
  const csv = `code,lng,lat,condition,material,note\n${p0.code},${p0.lng},${p0.lat},damaged,${p0.material},import changed me\n`;
  const p = await api.preview(Buffer.from(csv), 'update.csv');
  assert.equal(p.status, 201, JSON.stringify(p.body));
  assert.deepEqual(p.body.counts, { new: 0, update: 1, unchanged: 0, error: 0 });
  assert.deepEqual(Object.keys(p.body.rows[0]!.changes!).sort(), ['condition', 'note']);
  const c = await api.commit(p.body.import_id);
  assert.equal(c.status, 200, JSON.stringify(c.body));
  assert.equal(c.body.updated, 1);
  const after = await api.poleByCode(p0.code);
  assert.equal(after.version, p0.version + 1);
  assert.deepEqual([after.condition, after.material, after.note], ['damaged', p0.material, 'import changed me']);
  const h = await api.one<{ action: string; version: number; changes: Record<string, unknown> }>('SELECT action, version, changes FROM pole_history WHERE pole_id = $1 ORDER BY id DESC LIMIT 1', [p0.id]);
  assert.deepEqual([h.action, h.version, Object.keys(h.changes).sort()], ['import', p0.version + 1, ['condition', 'note']]);
  const a = await api.one<{ before: Record<string, unknown>; after: Record<string, unknown> }>(
    `SELECT before, after FROM audit_log WHERE action = 'pole.import' AND entity_id = $1 ORDER BY id DESC LIMIT 1`, [String(p0.id)]);
  assert.deepEqual(a.after, { condition: 'damaged', note: 'import changed me' });
  assert.equal(a.before.condition, p0.condition);
  const admin = await login(t.app, 'admin');
  const verify = await t.app.inject({ method: 'GET', url: '/api/audit/verify', headers: admin.headers });
  assert.equal(verify.json().ok, true, 'bulk audit rows keep the hash chain intact');
});

test('a commit that fails halfway leaves nothing behind, and running it again is safe', async () => {
  const victim = await api.one<{ id: number; code: string; lng: number; lat: number; version: number }>(
    `SELECT id, code, ST_X(geom) AS lng, ST_Y(geom) AS lat, version FROM poles WHERE status = 'in_service' ORDER BY id DESC LIMIT 1`);
  const csv = `code,lng,lat,note\nIMP-HALF-001,115.9861,36.4561,new one\nIMP-HALF-002,115.9862,36.4562,new two\n${victim.code},${victim.lng},${victim.lat},BOOM\n`;
  const p = await api.preview(Buffer.from(csv), 'half.csv');
  assert.deepEqual(p.body.counts, { new: 2, update: 1, unchanged: 0, error: 0 });
  // The update runs after the inserts; failing it stands for a crash in the middle of the commit.
  await t.db.query(`CREATE FUNCTION test_boom() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN IF NEW.note = 'BOOM' THEN RAISE EXCEPTION 'boom' USING ERRCODE = 'check_violation'; END IF; RETURN NEW; END $$`);
  await t.db.query('CREATE TRIGGER test_boom BEFORE UPDATE ON poles FOR EACH ROW EXECUTE FUNCTION test_boom()');
  const before = await api.tallies();
  try {
    const c = await api.commit(p.body.import_id);
    assert.equal(c.status, 422);
  } finally {
    await t.db.query('DROP TRIGGER test_boom ON poles');
    await t.db.query('DROP FUNCTION test_boom()');
  }
  assert.deepEqual(await api.tallies(), before);
  assert.equal((await t.db.query("SELECT 1 FROM poles WHERE code LIKE 'IMP-HALF-%'")).rows.length, 0);
  assert.equal((await api.poleByCode(victim.code)).version, victim.version);
  assert.equal((await api.one<{ status: string }>('SELECT status FROM imports WHERE id = $1', [p.body.import_id])).status, 'previewed');
  const again = await api.commit(p.body.import_id);
  assert.equal(again.status, 200);
  assert.deepEqual([again.body.inserted, again.body.updated], [2, 1]);
});

test('stored dry runs page their rows; limits on size and rows answer 413', async () => {
  const p = await api.preview(Buffer.from('code,lng,lat\nIMP-PAGE-001,115.98,36.45\nbad,115.98,36.45\n'), 'page.csv');
  const page = await t.app.inject({ method: 'GET', url: `/api/imports/${p.body.import_id}?outcome=error`, headers: api.headers });
  assert.equal(page.statusCode, 200);
  assert.equal(page.json().rows_total, 1);
  assert.equal(page.json().rows[0].code, 'invalid_code');
  assert.equal((await t.app.inject({ method: 'GET', url: '/api/imports/999999', headers: api.headers })).statusCode, 404);

  // A second app on the same database with small limits: sessions live in the database.
  const small = await buildApp({ db: t.db, config: loadConfig({ PHOTO_DIR: t.config.photos.dir, JOBS_INTERVAL_MS: '0', IMPORT_MAX_BYTES: '2048', IMPORT_MAX_ROWS: '2' }), webDir: null });
  try {
    const big = await api.preview(Buffer.from(`code,lng,lat\n${'IMP-BIG-001,115.98,36.45\n'.repeat(100)}`), 'big.csv', {}, small);
    assert.equal(big.status, 413);
    const many = await api.preview(Buffer.from('code,lng,lat\nA01,1,1\nA02,1,1\nA03,1,1\n'), 'many.csv', {}, small);
    assert.equal(many.status, 413);
    assert.equal(many.body.error!.code, 'too_many_rows');
  } finally {
    await small.close();
  }
});

test('dry runs nobody committed are deleted by the jobs after IMPORT_PREVIEW_TTL_HOURS; committed imports stay', async () => {
  const csv = (code: string) => Buffer.from(`编号,经度,纬度\r\n${code},115.9855,36.4575\r\n`, 'utf8');
  const stale = await api.preview(csv('IMP-TTL-001'), 'stale.csv');
  const fresh = await api.preview(csv('IMP-TTL-002'), 'fresh.csv');
  const done = await api.preview(csv('IMP-TTL-003'), 'done.csv');
  assert.equal((await api.commit(done.body.import_id)).status, 200);
  // Eight days old: past the default of 168 hours.
  await t.db.query("UPDATE imports SET created_at = now() - interval '8 days' WHERE id = ANY($1::int[])", [[stale.body.import_id, done.body.import_id]]);
  const r = await runJobs(t.db, t.config);
  assert.ok(r.importPreviewsPurged >= 1);
  const left = (await t.db.query<{ id: number }>('SELECT id FROM imports WHERE id = ANY($1::int[]) ORDER BY id', [[stale.body.import_id, fresh.body.import_id, done.body.import_id]])).rows.map((x) => x.id);
  assert.deepEqual(left, [fresh.body.import_id, done.body.import_id], 'the stale dry run went; the fresh one and the committed one stay');
  const audit = (await t.db.query<{ actor: string; before: { filename: string } }>("SELECT actor, before FROM audit_log WHERE action = 'import.purge_preview' AND entity_id = $1", [String(stale.body.import_id)])).rows;
  assert.deepEqual(audit.map((a) => [a.actor, a.before.filename]), [['job:imports', 'stale.csv']], 'the deletion is audited');
  const late = await api.commit(stale.body.import_id);
  assert.equal(late.status, 404);
  assert.match(late.body.error.message, /upload the file again/);
});
