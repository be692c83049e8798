/**
 * Deterministic bench dataset: the fixture city (districts, organisations, roads, accounts and
 * its 12,000 poles) topped up to N poles strung along the fixture roads, with a span between
 * neighbours on the same road. Set-based SQL only, so it runs unchanged on PostgreSQL and PGlite.
 * The same N always gives the same rows: every attribute comes from hashint4 of the pole's serial.
 *   BENCH_N=200000 npx tsx bench/bench.generate.ts                 # BENCH_DB_URL or the default bench db
 */
import type { Db } from '../server/db/db.types.ts';
import { migrate, readMigrations } from '../server/db/migrate.ts';
import { MIGRATIONS_DIR } from '../server/db/migrations.dir.ts';
import { seedFixtures } from '../fixtures/fixtures.seed.ts';

const META_KEY = 'bench.dataset';
/** Bumped when the generator changes, so an older dataset of the same N is not reused. */
const GENERATOR_VERSION = 3;

export interface BenchDataset {
  n: number;
  poles: number;
  spans: number;
  loadSeconds: number;
  reused: boolean;
}

/**
 * One pole per serial `s` in 1..extra. Roads get poles in proportion to their length; a pole
 * sits at its fraction along the road, pushed up to ~40 m sideways, so density follows the
 * street network like a real registry. Owner, condition and the rest are hashed from `s`:
 * a fifth unowned (as in the fixture city), a few percent broken, fallen or abandoned.
 */
const INSERT_POLES = `
WITH r AS (
  SELECT id, geom, kind, ST_Length(geom) AS len, sum(ST_Length(geom)) OVER () AS total,
         sum(ST_Length(geom)) OVER (ORDER BY id) AS upto
  FROM roads
), alloc AS (
  SELECT id, geom, kind,
         floor($1::int * (upto - len) / total)::int AS first,
         (floor($1::int * upto / total) - floor($1::int * (upto - len) / total))::int AS k
  FROM r
), carriers AS (
  SELECT array_agg(id ORDER BY code) AS ids FROM organisations WHERE kind = 'carrier'
), s AS (
  SELECT a.id AS road_id, a.kind, a.first + g AS serial,
         ST_LineInterpolatePoint(a.geom, (g - 0.5)::float8 / a.k) AS on_road, a.k
  FROM alloc a CROSS JOIN LATERAL generate_series(1, a.k) g
  WHERE a.k > 0
), h AS (
  SELECT s.*, hashint4(serial) & 2147483647 AS h1, hashint4(serial + 1000000007) & 2147483647 AS h2, (SELECT ids FROM carriers) AS cs FROM s
)
INSERT INTO poles (code, geom, source_crs, owner_org_id, ownership_status, material, height_m, install_year,
                   condition, status, cable_tangle, road_id, location_kind, note)
SELECT 'BN-' || lpad(serial::text, 7, '0'),
       ST_SetSRID(ST_Translate(on_road, ((h1 % 8001) - 4000) / 1.0e7, ((h2 % 8001) - 4000) / 1.0e7), 4326),
       'wgs84',
       CASE WHEN h1 % 5 = 0 THEN NULL ELSE cs[1 + (h2 / 7) % cardinality(cs)] END,
       CASE WHEN h1 % 5 = 0 THEN 'unknown' ELSE 'confirmed' END,
       (ARRAY['concrete', 'concrete', 'concrete', 'wood', 'steel', 'unknown'])[1 + (h1 / 11) % 6],
       (60 + (h2 / 13) % 90) / 10.0,
       1985 + (h1 / 17) % 40,
       (ARRAY['good', 'good', 'good', 'good', 'good', 'good', 'leaning', 'damaged', 'broken', 'fallen'])[1 + (h2 / 19) % 10],
       CASE WHEN (h1 / 23) % 25 = 0 THEN 'abandoned' ELSE 'in_service' END,
       (h2 / 29) % 8 = 0,
       road_id,
       CASE kind WHEN 'main_road' THEN 'main_road' WHEN 'alley' THEN 'alley' WHEN 'compound_lane' THEN 'compound' ELSE 'street' END,
       NULL
FROM h`;

/** A cable from each bench pole to the previous one on its road, hung by the pole's owner when it has one. */
const INSERT_SPANS = `
WITH b AS (
  SELECT id, geom, owner_org_id, road_id, lag(id) OVER w AS prev_id, lag(geom) OVER w AS prev_geom
  FROM poles WHERE starts_with(code, 'BN-') WINDOW w AS (PARTITION BY road_id ORDER BY id)
)
INSERT INTO spans (from_pole_id, to_pole_id, org_id, status, geom)
SELECT prev_id, id, owner_org_id, 'overhead', ST_MakeLine(prev_geom, geom)
FROM b WHERE prev_id IS NOT NULL AND owner_org_id IS NOT NULL`;

/**
 * Migrates, loads the fixture city, then tops the poles up to n. A dataset already loaded
 * with the same n (and generator version) is kept as it is: reruns start at the measuring.
 */
export async function ensureDataset(db: Db, n: number, log: (msg: string) => void = () => undefined): Promise<BenchDataset> {
  await migrate(db, readMigrations(MIGRATIONS_DIR));
  await seedFixtures(db);
  const t0 = performance.now();
  const meta = (await db.query<{ value: { n: number; version: number } }>('SELECT value FROM app_meta WHERE key = $1', [META_KEY])).rows[0]?.value;
  const reused = meta?.n === n && meta.version === GENERATOR_VERSION;
  if (!reused) {
    await db.tx(async (q) => {
      // A previous dataset goes without the row-by-row foreign-key checks; the new one is inserted
      // with every trigger on (district from the point, the rendered feature), as any write is.
      await q.query("SET LOCAL session_replication_role = 'replica'");
      await q.query("DELETE FROM spans WHERE from_pole_id IN (SELECT id FROM poles WHERE starts_with(code, 'BN-'))");
      await q.query("DELETE FROM poles WHERE starts_with(code, 'BN-')");
      await q.query("SET LOCAL session_replication_role = 'origin'");
      const fixture = (await q.query<{ n: number }>('SELECT count(*)::int AS n FROM poles')).rows[0]!.n;
      const extra = Math.max(0, n - fixture);
      log(`bench data: ${fixture} fixture poles, generating ${extra} more`);
      await q.query(INSERT_POLES, [extra]);
      await q.query(INSERT_SPANS);
      // The deletes above bypassed the grid's triggers (migration 0015): count it again.
      await q.query('SELECT pole_grid_rebuild()');
      await q.query(
        `INSERT INTO app_meta (key, value) VALUES ($1, $2::jsonb)
         ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()`,
        [META_KEY, JSON.stringify({ n, version: GENERATOR_VERSION })],
      );
    });
    // Fresh statistics and visibility, as a registry has after autovacuum: the planner must see N rows.
    await db.query('VACUUM ANALYZE poles');
    await db.query('VACUUM ANALYZE spans');
  }
  const counts = (await db.query<{ poles: number; spans: number }>('SELECT (SELECT count(*)::int FROM poles) AS poles, (SELECT count(*)::int FROM spans) AS spans')).rows[0]!;
  return { n, ...counts, loadSeconds: (performance.now() - t0) / 1000, reused };
}

/**
 * A square around the city centre holding about `target` visible poles: the map's viewport at
 * street zoom. Found by bisection on its half-width, so it is the same for the same dataset.
 */
export async function viewportBbox(db: Db, target: number): Promise<{ bbox: [number, number, number, number]; poles: number }> {
  const [cx, cy] = [115.985, 36.457];
  let lo = 0.0005;
  let hi = 0.1;
  let best = { bbox: [0, 0, 0, 0] as [number, number, number, number], poles: 0 };
  for (let i = 0; i < 18; i++) {
    const h = (lo + hi) / 2;
    const bbox: [number, number, number, number] = [cx - h, cy - h * 0.8, cx + h, cy + h * 0.8].map((v) => Number(v.toFixed(5))) as [number, number, number, number];
    const n = (await db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM poles WHERE geom && ST_MakeEnvelope($1, $2, $3, $4, 4326) AND status <> 'removed'", bbox,
    )).rows[0]!.n;
    best = { bbox, poles: n };
    if (Math.abs(n - target) <= target * 0.02) break;
    if (n > target) hi = h;
    else lo = h;
  }
  return best;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { openDb } = await import('../server/db/db.open.ts');
  const n = Number(process.env.BENCH_N ?? 1_000_000);
  const url = process.env.BENCH_PGLITE_DIR ? undefined : (process.env.BENCH_DB_URL ?? 'postgres://postgres@127.0.0.1:5432/polewatch_bench');
  const db = await openDb({ databaseUrl: url, pgliteDataDir: process.env.BENCH_PGLITE_DIR, statementTimeoutMs: 3_600_000 });
  const ds = await ensureDataset(db, n, console.log);
  console.log(ds, await viewportBbox(db, 2000));
  await db.close();
}
