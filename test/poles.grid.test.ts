import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestContext } from './support/test.app.ts';

/**
 * The zoomed-out summary reads whole cells from pole_grid (migration 0015). Whatever is written,
 * it must answer exactly what counting the poles live answers.
 */
let t: TestContext;
before(async () => {
  t = await startTestApp();
});
after(() => t.close());

type Cell = { geometry: { coordinates: [number, number] }; properties: { count: number; orphan: number; broken: number; tangle: number } };
const CITY = '115.8,36.3,116.2,36.6';
// Every condition listed: the same poles as the default view, but a filter the grid does not keep, so counted live.
const LIVE = '&condition=good,leaning,damaged,broken,fallen';

async function cells(query: string): Promise<string[]> {
  const res = await t.app.inject({ method: 'GET', url: `/api/poles/summary?${query}` });
  assert.equal(res.statusCode, 200);
  return (res.json() as { features: Cell[] }).features.map((c) => JSON.stringify([c.geometry.coordinates, c.properties])).sort();
}

async function sameAsLive(): Promise<void> {
  for (const [bbox, zoom] of [[CITY, 12], [CITY, 14], ['115.9712,36.4433,115.9977,36.4691', 15], ['115.97,36.44,116.0,36.47', 13]] as const) {
    assert.deepEqual(await cells(`bbox=${bbox}&zoom=${zoom}`), await cells(`bbox=${bbox}&zoom=${zoom}${LIVE}`), `bbox ${bbox} at zoom ${zoom}`);
  }
}

const total = async () => (await cells(`bbox=${CITY}&zoom=12`)).reduce((s, c) => s + (JSON.parse(c) as [unknown, Cell['properties']])[1].count, 0);

test('the grid answers what counting live answers, with and without a bbox', async () => {
  await sameAsLive();
  assert.deepEqual(await cells('zoom=10'), await cells(`zoom=10${LIVE}`));
});

test('new, moved, re-flagged, removed and deleted poles show in the grid at once', async () => {
  const before = await total();
  const { rows } = await t.db.query<{ id: number }>(
    `INSERT INTO poles (code, geom, condition, cable_tangle) VALUES
       ('GRID-T-1', ST_SetSRID(ST_MakePoint(115.9901, 36.4501), 4326), 'good', false),
       ('GRID-T-2', ST_SetSRID(ST_MakePoint(115.9902, 36.4502), 4326), 'broken', true)
     RETURNING id`,
  );
  const [a, b] = rows.map((r) => r.id) as [number, number];
  assert.equal(await total(), before + 2);
  await sameAsLive();
  await t.db.query("UPDATE poles SET geom = ST_SetSRID(ST_MakePoint(116.05, 36.50), 4326), condition = 'fallen' WHERE id = $1", [a]);
  await t.db.query('UPDATE poles SET cable_tangle = false, version = version + 1 WHERE id = $1', [b]);
  await sameAsLive();
  await t.db.query("UPDATE poles SET status = 'removed', removed_at = now() WHERE id = $1", [a]);
  assert.equal(await total(), before + 1);
  await sameAsLive();
  await t.db.query('DELETE FROM poles WHERE id = ANY($1::int[])', [[a, b]]);
  assert.equal(await total(), before);
  await sameAsLive();
});

test('the grid kept by the triggers equals one counted from scratch', async () => {
  const kept = await t.db.query<{ k: string }>('SELECT zoom || \':\' || cx || \':\' || cy || \':\' || n || \':\' || orphan || \':\' || broken || \':\' || tangle AS k FROM pole_grid WHERE n <> 0 ORDER BY 1');
  await t.db.query('SELECT pole_grid_rebuild()');
  const fresh = await t.db.query<{ k: string }>('SELECT zoom || \':\' || cx || \':\' || cy || \':\' || n || \':\' || orphan || \':\' || broken || \':\' || tangle AS k FROM pole_grid WHERE n <> 0 ORDER BY 1');
  assert.deepEqual(kept.rows, fresh.rows);
});
