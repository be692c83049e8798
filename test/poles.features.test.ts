import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestContext } from './support/test.app.ts';

/**
 * The map lists each pole's Feature as the database rendered it (migration 0014): it must
 * never show a stale value, whichever table the value lives in.
 */
let t: TestContext;
before(async () => {
  t = await startTestApp();
});
after(() => t.close());

type Feature = { id: number; geometry: { coordinates: [number, number] }; properties: Record<string, unknown> };

async function listed(id: number): Promise<Feature> {
  const { rows } = await t.db.query<{ lng: number; lat: number }>('SELECT ST_X(geom) AS lng, ST_Y(geom) AS lat FROM poles WHERE id = $1', [id]);
  const { lng, lat } = rows[0]!;
  const res = await t.app.inject({ method: 'GET', url: `/api/poles?bbox=${lng - 1e-4},${lat - 1e-4},${lng + 1e-4},${lat + 1e-4}&status=in_service,abandoned,removed` });
  assert.equal(res.statusCode, 200);
  const f = (res.json() as { features: Feature[] }).features.find((x) => x.id === id);
  assert.ok(f, `pole ${id} is listed`);
  return f;
}

async function aPole(): Promise<{ id: number; owner_org_id: number; road_id: number; district_id: number }> {
  const { rows } = await t.db.query<{ id: number; owner_org_id: number; road_id: number; district_id: number }>(
    'SELECT id, owner_org_id, road_id, district_id FROM poles WHERE owner_org_id IS NOT NULL AND road_id IS NOT NULL AND district_id IS NOT NULL ORDER BY id LIMIT 1',
  );
  return rows[0]!;
}

test('the listed feature follows edits of the pole itself: attributes, version and position', async () => {
  const p = await aPole();
  await t.db.query("UPDATE poles SET condition = 'leaning', height_m = 11.5, version = version + 1, geom = ST_Translate(geom, 0.00001, 0) WHERE id = $1", [p.id]);
  const { rows } = await t.db.query<{ version: number; lng: number }>('SELECT version, ST_X(geom) AS lng FROM poles WHERE id = $1', [p.id]);
  const f = await listed(p.id);
  assert.equal(f.properties.condition, 'leaning');
  assert.equal(f.properties.height_m, '11.5');
  assert.equal(f.properties.version, rows[0]!.version);
  assert.equal(f.geometry.coordinates[0], Number(rows[0]!.lng.toFixed(7)));
});

test('renaming the owner, the district or the road shows on its poles at once', async () => {
  const p = await aPole();
  const was = (await t.db.query<{ org: string; district: string; zh: string; en: string }>(
    `SELECT (SELECT code FROM organisations WHERE id = $1) AS org, (SELECT code FROM districts WHERE id = $2) AS district,
            (SELECT name_zh FROM roads WHERE id = $3) AS zh, (SELECT name_en FROM roads WHERE id = $3) AS en`,
    [p.owner_org_id, p.district_id, p.road_id],
  )).rows[0]!;
  try {
    await t.db.query("UPDATE organisations SET code = 'renamed_org' WHERE id = $1", [p.owner_org_id]);
    await t.db.query("UPDATE districts SET code = 'ZZZ' WHERE id = $1", [p.district_id]);
    await t.db.query("UPDATE roads SET name_zh = '改名路', name_en = 'Renamed Road' WHERE id = $1", [p.road_id]);
    const f = await listed(p.id);
    assert.equal(f.properties.owner_code, 'renamed_org');
    assert.equal(f.properties.district_code, 'ZZZ');
    assert.equal(f.properties.road_name_zh, '改名路');
    assert.equal(f.properties.road_name_en, 'Renamed Road');
  } finally {
    await t.db.query('UPDATE organisations SET code = $2 WHERE id = $1', [p.owner_org_id, was.org]);
    await t.db.query('UPDATE districts SET code = $2 WHERE id = $1', [p.district_id, was.district]);
    await t.db.query('UPDATE roads SET name_zh = $2, name_en = $3 WHERE id = $1', [p.road_id, was.zh, was.en]);
  }
  assert.equal((await listed(p.id)).properties.owner_code, was.org);
});

test('every stored feature is exactly what pole_feature renders now', async () => {
  const { rows } = await t.db.query<{ stale: number }>('SELECT count(*)::int AS stale FROM poles p WHERE p.feature IS DISTINCT FROM pole_feature(p)');
  assert.equal(rows[0]!.stale, 0);
});
