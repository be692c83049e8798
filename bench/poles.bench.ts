/**
 * Viewport figures for the fixture city: the bbox list, the zoomed-out summary and one pole,
 * through the whole Fastify stack (inject, no network). Prints a Markdown table; asserts nothing.
 *   npm run bench:poles                       # embedded PGlite
 *   DATABASE_URL=postgres://… npm run bench:poles
 */
import { buildApp } from '../server/app.ts';
import { loadConfig } from '../server/config/config.ts';
import { openDb } from '../server/db/db.open.ts';
import { migrate, readMigrations } from '../server/db/migrate.ts';
import { MIGRATIONS_DIR } from '../server/db/migrations.dir.ts';
import { seedFixtures } from '../fixtures/fixtures.seed.ts';

const config = loadConfig({ ...process.env, PGLITE_DATA_DIR: process.env.PGLITE_DATA_DIR ?? './data/bench-pgdata' });
const db = await openDb({ databaseUrl: config.databaseUrl, pgliteDataDir: config.pgliteDataDir });
await migrate(db, readMigrations(MIGRATIONS_DIR));
await seedFixtures(db);
const app = await buildApp({ db, config, webDir: null });

const ROUNDS = Number(process.env.ROUNDS ?? 50);
const cases: [string, string][] = [
  ['bbox list, city centre (~700 poles)', '/api/poles?bbox=115.97,36.44,116.0,36.47&limit=5000'],
  ['bbox list, whole city capped at 5,000', '/api/poles?bbox=115.8,36.3,116.2,36.6&limit=5000'],
  ['bbox list, orphan filter', '/api/poles?bbox=115.97,36.44,116.0,36.47&owner=none'],
  ['summary, city at zoom 12', '/api/poles/summary?bbox=115.8,36.3,116.2,36.6&zoom=12'],
  ['summary, centre at zoom 15', '/api/poles/summary?bbox=115.97,36.44,116.0,36.47&zoom=15'],
  ['one pole', '/api/poles/100'],
];

const pct = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
console.log(`\n${db.kind}, ${ROUNDS} sequential requests each, node ${process.version}\n`);
console.log('| request | p50 ms | p99 ms | bytes |');
console.log('|---|---:|---:|---:|');
for (const [name, url] of cases) {
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < ROUNDS + 3; i++) {
    const t0 = performance.now();
    const res = await app.inject({ method: 'GET', url });
    if (res.statusCode !== 200) throw new Error(`${url} → ${res.statusCode}`);
    if (i >= 3) times.push(performance.now() - t0); // the first few warm caches and JIT
    bytes = res.rawPayload.length;
  }
  times.sort((a, b) => a - b);
  console.log(`| ${name} | ${pct(times, 50).toFixed(1)} | ${pct(times, 99).toFixed(1)} | ${bytes.toLocaleString('en')} |`);
}
await app.close();
await db.close();
