import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { DOMParser } from '@xmldom/xmldom';
import { kml } from '@tmcw/togeojson';
import { parse } from 'csv-parse/sync';
import { buildApp } from '../server/app.ts';
import { loadConfig } from '../server/config/config.ts';
import { login, startTestApp, type Session, type TestContext } from './support/test.app.ts';
import { multipartForm } from './support/multipart.ts';

let t: TestContext;
let officer: Session;
before(async () => {
  t = await startTestApp();
  officer = await login(t.app, 'officer');
});
after(() => t.close());

const BBOX = '115.97,36.44,116.0,36.47';
const get = (url: string) => t.app.inject({ method: 'GET', url });

/** A pole in the bbox whose note would run as a formula in Excel and would break naive XML. */
async function plantHostileNote(): Promise<string> {
  const { rows } = await t.db.query<{ code: string }>(
    `UPDATE poles SET note = $1 WHERE id = (SELECT id FROM poles WHERE geom && ST_MakeEnvelope(115.97, 36.44, 116.0, 36.47, 4326)
       AND status = 'in_service' AND owner_org_id IS NOT NULL ORDER BY id LIMIT 1) RETURNING code`,
    ['=HYPERLINK("http://evil.example","点我") <b>&</b> "引号" \u0001 ‮rtl'],
  );
  return rows[0]!.code;
}

test('CSV export: BOM, Chinese and English labels, formula-safe cells, an attachment', async () => {
  const code = await plantHostileNote();
  const res = await get(`/api/exports/poles.csv?bbox=${BBOX}&owner=unicom`);
  assert.equal(res.statusCode, 200, 'the registry is public: no sign-in needed');
  assert.match(String(res.headers['content-type']), /^text\/csv; charset=utf-8/);
  assert.match(String(res.headers['content-disposition']), /^attachment; filename="polewatch-poles-\d{8}\.csv"$/);
  assert.equal(res.rawPayload.subarray(0, 3).toString('hex'), 'efbbbf');
  const table = parse(res.body.slice(1), { columns: true }) as Record<string, string>[];
  assert.equal(String(table.length), res.headers['x-export-count']);
  assert.equal(res.headers['x-export-truncated'], 'false');
  for (const col of ['owner_zh', 'owner_en', 'condition_zh', 'condition_en', 'status_zh', 'status_en']) assert.ok(col in table[0]!, col);
  assert.ok(table.every((r) => r.owner_code === 'unicom' && r.owner_zh === '中国联通' && r.owner_en === 'China Unicom'));
  assert.ok(table.some((r) => r.status_zh === '在用' && r.status_en === 'In service'));
  const hostile = table.find((r) => r.code === code)!;
  assert.ok(hostile.note!.startsWith("'="), 'a formula is neutralised with an apostrophe');
});

test('GeoJSON export holds exactly what the API returns for the same filters', async () => {
  for (const filters of [`bbox=${BBOX}`, `bbox=${BBOX}&owner=none&condition=broken,fallen`, 'district=DCF&status=removed']) {
    const api = (await get(`/api/poles?${filters}&limit=5000`)).json() as { features: { id: number }[]; next: string | null };
    assert.equal(api.next, null, 'the comparison needs the whole selection on one API page');
    const res = await get(`/api/exports/poles.geojson?${filters}`);
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /application\/geo\+json/);
    const fc = res.json() as { features: { id: number; properties: Record<string, unknown> }[]; truncated: boolean };
    assert.deepEqual(fc.features.map((f) => f.id), api.features.map((f) => f.id), filters);
    assert.equal(fc.truncated, false);
  }
  assert.equal((await get('/api/exports/poles.geojson?bbox=1,2,3')).statusCode, 400);
  assert.equal((await get('/api/exports/poles.geojson?owner=x;drop')).statusCode, 400);
});

test('KML export escapes text and parses back to the same poles', async () => {
  const code = await plantHostileNote();
  const res = await get(`/api/exports/poles.kml?bbox=${BBOX}`);
  assert.equal(res.statusCode, 200);
  assert.match(String(res.headers['content-disposition']), /attachment; filename=".*\.kml"/);
  const parsed = kml(new DOMParser({ onError: () => { throw new Error('the KML is not well-formed'); } }).parseFromString(res.body, 'text/xml')) as unknown as {
    features: { geometry: { coordinates: number[] }; properties: Record<string, unknown> }[];
  };
  assert.equal(String(parsed.features.length), res.headers['x-export-count']);
  const api = (await get(`/api/poles?bbox=${BBOX}&limit=5000`)).json() as { features: unknown[] };
  assert.equal(parsed.features.length, api.features.length);
  const hostile = parsed.features.find((f) => f.properties.name === code)!;
  assert.equal(hostile.properties.note, '=HYPERLINK("http://evil.example","点我") <b>&</b> "引号"  ‮rtl', 'text survives; the control character is dropped');
  assert.equal(hostile.properties.owner_zh, '中国联通');
});

test('a selection larger than the cap is capped and says so', async () => {
  const small = await buildApp({ db: t.db, config: loadConfig({ PHOTO_DIR: t.config.photos.dir, JOBS_INTERVAL_MS: '0', EXPORT_MAX_ROWS: '25' }), webDir: null });
  try {
    const res = await small.inject({ method: 'GET', url: `/api/exports/poles.geojson?bbox=${BBOX}` });
    assert.equal(res.headers['x-export-truncated'], 'true');
    assert.equal(res.headers['x-export-limit'], '25');
    assert.equal(res.json().features.length, 25);
    assert.equal(res.json().truncated, true);
  } finally {
    await small.close();
  }
});

test('an exported CSV imports back with every pole unchanged', async () => {
  // Claimed or disputed owners would be confirmed by an import, so the round trip takes settled poles.
  const res = await get('/api/exports/poles.csv?bbox=115.98,36.45,115.99,36.46&ownership=confirmed,unknown');
  const count = Number(res.headers['x-export-count']);
  assert.ok(count > 10);
  await t.db.query(`UPDATE poles SET note = NULL WHERE note LIKE '=%'`);
  const mp = multipartForm({}, Buffer.from((await get('/api/exports/poles.csv?bbox=115.98,36.45,115.99,36.46&ownership=confirmed,unknown')).rawPayload), 'export.csv');
  const p = await t.app.inject({ method: 'POST', url: '/api/imports/preview', headers: { ...officer.headers, ...mp.headers }, payload: mp.payload });
  assert.equal(p.statusCode, 201, p.body);
  assert.deepEqual(p.json().counts, { new: 0, update: 0, unchanged: count, error: 0 });
});
