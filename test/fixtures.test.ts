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
