import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Db } from '../server/db/db.types.ts';
import { PgliteDb } from '../server/db/pglite.db.ts';
import { openTestDb } from './support/test.db.ts';

let db: Db;
before(async () => {
  db = await openTestDb();
});
after(() => db.close());

test('both back ends return the same row shapes', async () => {
  const { rows } = await db.query(`SELECT 1::int2 AS i2, 2::int4 AS i4, 3::int8 AS i8, 1.50::numeric(4,2) AS num,
      0.25::float8 AS f8, true AS b, 'x'::text AS t, NULL::text AS n,
      '2026-01-02'::date AS d, '2026-01-02T03:04:05Z'::timestamptz AS ts,
      '{"a":[1,2]}'::jsonb AS jb, '{"b":null}'::json AS j,
      ARRAY[1,2]::int[] AS ia, ARRAY['a','b']::text[] AS ta, count(*) AS cnt
    FROM (VALUES (1)) v`);
  assert.deepEqual(rows[0], {
    i2: 1, i4: 2, i8: 3, num: '1.50', f8: 0.25, b: true, t: 'x', n: null,
    d: '2026-01-02', ts: new Date('2026-01-02T03:04:05Z'),
    jb: { a: [1, 2] }, j: { b: null }, ia: [1, 2], ta: ['a', 'b'], cnt: 1,
  });
});

test('array and JSON parameters bind the same way on both', async () => {
  const { rows } = await db.query<{ n: number; s: number }>(
    `SELECT (SELECT count(*) FROM unnest($1::text[]) x WHERE x = ANY($1::text[]))::int AS n,
            (SELECT sum((e->>'v')::int) FROM jsonb_array_elements($2::jsonb) e)::int AS s`,
    [['a', 'b', 'c'], JSON.stringify([{ v: 1 }, { v: 2 }])],
  );
  assert.deepEqual(rows[0], { n: 3, s: 3 });
});

test('tx commits on success and rolls back on error', async () => {
  await db.query('CREATE TEMP TABLE IF NOT EXISTS tx_probe (v int)');
  await db.tx(async (q) => {
    await q.query('INSERT INTO tx_probe VALUES (1)');
  });
  await assert.rejects(
    db.tx(async (q) => {
      await q.query('INSERT INTO tx_probe VALUES (2)');
      throw new Error('boom');
    }),
    /boom/,
  );
  const { rows } = await db.query<{ v: number }>('SELECT v FROM tx_probe ORDER BY v');
  assert.deepEqual(rows.map((r) => r.v), [1]);
});

test('rowCount reports affected rows for writes', async () => {
  await db.query('CREATE TEMP TABLE IF NOT EXISTS rc_probe (v int)');
  const ins = await db.query('INSERT INTO rc_probe SELECT generate_series(1, 3)');
  assert.equal(ins.rowCount, 3);
  const upd = await db.query('UPDATE rc_probe SET v = v + 1 WHERE v > 1');
  assert.equal(upd.rowCount, 2);
});

test('database errors carry their SQLSTATE', async () => {
  await assert.rejects(db.query("SELECT 'x'::int"), (err: { code?: string }) => err.code === '22P02');
});

test('PostGIS answers on this back end', async () => {
  const { rows } = await db.query<{ v: string; len: number }>(
    `SELECT postgis_lib_version() AS v,
            round(ST_Length(ST_GeomFromText('LINESTRING(115.98 36.45, 115.99 36.45)', 4326)::geography)) AS len`,
  );
  assert.match(rows[0]!.v, /^3\.\d+/);
  // 0.01° of longitude at 36.45°N is about 896 m on the ellipsoid.
  assert.ok(Math.abs(Number(rows[0]!.len) - 896) < 3, `length ${rows[0]!.len}`);
});

test('the embedded database keeps its rows across a restart', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'polewatch-persist-'));
  try {
    const first = await PgliteDb.open({ dataDir: dir });
    await first.query('CREATE TABLE kept (v text)');
    await first.query("INSERT INTO kept VALUES ('聊城 ✓')");
    await first.close();
    const second = await PgliteDb.open({ dataDir: dir });
    const { rows } = await second.query<{ v: string }>('SELECT v FROM kept');
    await second.close();
    assert.deepEqual(rows, [{ v: '聊城 ✓' }]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
