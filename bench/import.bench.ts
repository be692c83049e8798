/**
 * Survey import at scale: 100,000 generated CSV rows (deterministic, GBK like Excel writes them)
 * through the real service path — dry run, commit, then the same file again — against a plain
 * set-based insert of the same poles with no validation, history or audit. Prints a Markdown
 * table; asserts nothing.
 *   DATABASE_URL=postgres://… npm run bench:import    # after npm run migrate && npm run seed on that database
 *   ROWS=20000 npm run bench:import                   # embedded PGlite (./data/bench-pgdata)
 */
import { loadConfig } from '../server/config/config.ts';
import { openDb } from '../server/db/db.open.ts';
import { migrate, readMigrations } from '../server/db/migrate.ts';
import { MIGRATIONS_DIR } from '../server/db/migrations.dir.ts';
import { seedFixtures } from '../fixtures/fixtures.seed.ts';
import { ImportService } from '../server/imports/imports.service.ts';
import { insertMany } from '../server/poles/poles.batch.ts';
import type { RequestContext } from '../server/http/request.context.ts';
import { surveyCsv, surveyRows } from './import.rows.ts';

const ROWS = Number(process.env.ROWS ?? 100_000);
const CHUNK = 5000;
const config = loadConfig({ ...process.env, PGLITE_DATA_DIR: process.env.PGLITE_DATA_DIR ?? './data/bench-pgdata', IMPORT_MAX_ROWS: String(Math.max(ROWS, 100_000)) });
const db = await openDb({ databaseUrl: config.databaseUrl, pgliteDataDir: config.pgliteDataDir, statementTimeoutMs: config.dbStatementTimeoutMs });
await migrate(db, readMigrations(MIGRATIONS_DIR));
await seedFixtures(db);

// Each run gets its own code prefix, so the bench can be repeated on the same database.
const run = (await db.query<{ n: number }>("SELECT count(*)::int AS n FROM imports WHERE filename = 'bench.csv'")).rows[0]!.n;
const officer = (await db.query<{ id: number; org_id: number | null }>("SELECT id, org_id FROM users WHERE username = 'officer'")).rows[0]!;
const ctx: RequestContext = {
  principal: { kind: 'user', userId: officer.id, tokenId: null, name: 'officer', role: 'officer', orgId: officer.org_id, orgCode: 'enforcement', districtId: null, isOrgAdmin: false },
  requestId: `bench-${run}`,
  clientAddr: '127.0.0.1',
};

const rows = surveyRows(`B${run}`, ROWS);
const csv = surveyCsv(rows);

const results: [string, number, number][] = [];
let peakRss = 0;
const sample = () => (peakRss = Math.max(peakRss, process.memoryUsage().rss));
// PGlite computes on the main thread, so the timer may not fire during a step; each step also samples at its end.
const sampler = setInterval(sample, 50);
async function time<T>(name: string, n: number, fn: () => Promise<T>): Promise<T> {
  const t0 = performance.now();
  const out = await fn();
  results.push([name, n, (performance.now() - t0) / 1000]);
  sample();
  return out;
}

const svc = new ImportService(db, config);
const upload = { bytes: csv, filename: 'bench.csv', fields: {} };
const first = await time('dry run (decode GBK, parse, validate, service area, plan, store)', ROWS, () => svc.preview(upload, ctx));
if (first.counts.new !== ROWS) throw new Error(`expected ${ROWS} new rows, got ${JSON.stringify(first.counts)}`);
const committed = await time('commit (insert, history, audit; one transaction)', ROWS, () => svc.commit(first.import_id, false, ctx));
if (committed.inserted !== ROWS) throw new Error(`expected ${ROWS} inserted, got ${JSON.stringify(committed)}`);
const again = await time('same file again: dry run (all unchanged)', ROWS, () => svc.preview(upload, ctx));
if (again.counts.unchanged !== ROWS) throw new Error(`expected ${ROWS} unchanged, got ${JSON.stringify(again.counts)}`);
await time('same file again: commit (writes nothing)', ROWS, () => svc.commit(again.import_id, false, ctx));

// The floor: the same poles straight into the table, set-based, no checks, no history, no audit.
const plain = surveyRows(`P${run}`, ROWS).map((r) => ({
  code: r.code, lng: r.lng, lat: r.lat, source_crs: 'wgs84', owner_org_id: null, ownership_status: 'unknown', material: 'unknown',
  height_m: r.height, install_year: r.year, condition: 'good', status: 'in_service', cable_tangle: false, road_id: null, location_kind: 'street', note: r.note,
}));
await time('baseline: plain set-based INSERT … FROM jsonb_to_recordset (5,000 a statement)', ROWS, () =>
  db.tx(async (q) => {
    for (let i = 0; i < plain.length; i += CHUNK) await insertMany(q, plain.slice(i, i + CHUNK));
  }));
clearInterval(sampler);

console.log(`\n${db.kind}, ${ROWS.toLocaleString('en')} rows (${(csv.length / 1048576).toFixed(1)} MB GBK CSV), node ${process.version}, peak RSS ${(peakRss / 1048576).toFixed(0)} MB\n`);
console.log('| step | rows | seconds | rows/s |');
console.log('|---|---:|---:|---:|');
for (const [name, n, s] of results) console.log(`| ${name} | ${n.toLocaleString('en')} | ${s.toFixed(2)} | ${Math.round(n / s).toLocaleString('en')} |`);
await db.close();
