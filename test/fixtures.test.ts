import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import type { Db } from '../server/db/db.types.ts';
import { generateCity } from '../fixtures/city.generate.ts';
import { seedFixtures } from '../fixtures/fixtures.seed.ts';
import { openTestDb } from './support/test.db.ts';

let db: Db;
before(async () => {
  db = await openTestDb();
});
after(() => db.close());

const one = async <T>(sql: string) => (await db.query<T & object>(sql)).rows[0]!;

test('the generator is deterministic', () => {
  const hash = () => createHash('sha256').update(JSON.stringify(generateCity())).digest('hex');
  assert.equal(hash(), hash());
});

test('at least 10,000 poles, every one inside a district', async () => {
  const r = await one<{ n: number; nodistrict: number }>(
    'SELECT count(*)::int AS n, count(*) FILTER (WHERE district_id IS NULL)::int AS nodistrict FROM poles',
  );
  assert.ok(r.n >= 10000, `${r.n} poles`);
  assert.equal(r.nodistrict, 0);
});

test('exactly 737 poles were removed in the 2019-06-01 … 2020-04-16 campaign (Shanghai time)', async () => {
  const r = await one<{ n: number; bad: number }>(
    `SELECT count(*) FILTER (WHERE (removed_at AT TIME ZONE 'Asia/Shanghai')::date BETWEEN '2019-06-01' AND '2020-04-16')::int AS n,
            count(*) FILTER (WHERE status = 'removed' AND district_id IS NULL)::int AS bad
     FROM poles WHERE status = 'removed'`,
  );
  assert.equal(r.n, 737);
  assert.equal(r.bad, 0);
});

test('about 4 km of cable is already buried', async () => {
  const r = await one<{ m: number }>("SELECT sum(ST_Length(geom::geography))::float8 AS m FROM spans WHERE status = 'buried'");
  assert.ok(r.m > 3900 && r.m < 4300, `${r.m} m buried`);
});

test('about a fifth of the poles have no known owner, and all four carriers own some', async () => {
  const r = await one<{ share: number; carriers: number }>(
    `SELECT avg((owner_org_id IS NULL)::int)::float8 AS share,
            (SELECT count(DISTINCT o.code) FROM poles p JOIN organisations o ON o.id = p.owner_org_id WHERE o.kind = 'carrier')::int AS carriers
     FROM poles`,
  );
  assert.ok(r.share > 0.15 && r.share < 0.3, `orphan share ${r.share}`);
  assert.equal(r.carriers, 4);
});

test('roads of every kind, and poles in alleys and compounds', async () => {
  const { rows } = await db.query<{ location_kind: string; n: number }>('SELECT location_kind, count(*)::int AS n FROM poles GROUP BY 1 ORDER BY 1');
  assert.deepEqual(rows.map((r) => r.location_kind), ['alley', 'compound', 'main_road', 'street']);
  assert.ok(rows.every((r) => r.n > 100));
});

test('seeding again changes nothing', async () => {
  const before_ = await one<{ n: number }>('SELECT count(*)::int AS n FROM poles');
  assert.equal(await seedFixtures(db), null);
  assert.deepEqual(await one<{ n: number }>('SELECT count(*)::int AS n FROM poles'), before_);
});

test('2027 road works along the fixture roads and two burial proposals, which bury nothing until they complete', async () => {
  const w = await one<{ n: number; lines: number; areas: number; y2027: number; outside: number }>(
    `SELECT count(*)::int AS n, count(*) FILTER (WHERE ST_Dimension(geom) = 1)::int AS lines, count(*) FILTER (WHERE ST_Dimension(geom) = 2)::int AS areas,
            count(*) FILTER (WHERE extract(year FROM planned_start) = 2027)::int AS y2027,
            count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM roads r WHERE ST_DWithin(r.geom::geography, road_works.geom::geography, 20)))::int AS outside
     FROM road_works WHERE source = 'fixtures'`,
  );
  assert.deepEqual([w.n, w.lines, w.areas, w.y2027, w.outside], [5, 4, 1, 5, 0]);
  const p = await one<{ n: number; open: number; events: number; firms: number }>(
    `SELECT count(*)::int AS n, count(*) FILTER (WHERE status IN ('proposed', 'approved'))::int AS open,
            (SELECT count(*) FROM burial_project_events)::int AS events, (SELECT count(*) FROM burial_project_firms)::int AS firms
     FROM burial_projects`,
  );
  assert.deepEqual([p.n, p.open, p.events, p.firms], [2, 2, 3, 6]);
  const b = await one<{ n: number; m: number }>("SELECT count(*) FILTER (WHERE burial_project_id IS NOT NULL)::int AS n, (sum(ST_Length(geom::geography)) FILTER (WHERE status = 'buried'))::float8 AS m FROM spans");
  assert.equal(b.n, 0);
  assert.equal(Math.round(b.m / 10) / 100, 4.09, 'the carried-in 4.09 km stay as they were');
  assert.equal((await one<{ n: number }>('SELECT count(*)::int AS n FROM poles WHERE removal_candidate')).n, 0);
});
