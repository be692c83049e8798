/**
 * `npm run bench`: the whole side-by-side benchmark on one machine and one dataset, then a
 * Markdown table on stdout and in bench/RESULTS.md. Everything it starts (polewatch, the
 * limit, lighttpd and its FastCGI processes) is stopped at the end, also on failure.
 *
 *   BENCH_N=1000000                      poles in the dataset (reused when already loaded)
 *   BENCH_DB_URL=postgres://postgres@127.0.0.1:5432/polewatch_bench
 *   BENCH_SKIP_PEERS=1 BENCH_SKIP_IMPORT=1 BENCH_SKIP_EMBEDDED=1
 *   BENCH_DURATION_S=10 BENCH_WARMUP_S=3 BENCH_PORT=3401 BENCH_OUT=bench/RESULTS.md
 */
import { cpus, loadavg, totalmem } from 'node:os';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import pg from 'pg';
import { openDb } from '../server/db/db.open.ts';
import { ensureDataset, viewportBbox } from './bench.generate.ts';
import { DURATION_S, measure } from './bench.load.ts';
import { installPeers, peerVersions, PEERS, startPeers } from './bench.peers.ts';
import { startLimit, startPolewatch } from './bench.servers.ts';
import { measureImport } from './bench.import.ts';
import { measureEmbedded } from './bench.embedded.ts';
import { LIMIT, POLEWATCH, renderReport, type BenchReport, type ViewportRow } from './bench.report.ts';

const env = process.env;
const N = Number(env.BENCH_N ?? 1_000_000);
const DB_URL = env.BENCH_DB_URL ?? 'postgres://postgres@127.0.0.1:5432/polewatch_bench';
const PORT = Number(env.BENCH_PORT ?? 3401);
const OUT = env.BENCH_OUT ?? 'bench/RESULTS.md';
const skip = (what: string) => env[`BENCH_SKIP_${what}`] === '1';
const log = (m: string) => console.error(`[bench ${new Date().toISOString().slice(11, 19)}] ${m}`);

const load = loadavg();
const stoppers: (() => Promise<void>)[] = [];
const stopAll = async () => {
  for (const stop of stoppers.splice(0).reverse()) await stop().catch((e: unknown) => log(`stopping: ${(e as Error).message}`));
};
for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => void stopAll().then(() => process.exit(130)));

/** The bench database is created when missing; nothing else on the server is touched. */
async function createDatabase(url: string): Promise<void> {
  const u = new URL(url);
  const name = u.pathname.slice(1);
  u.pathname = '/postgres';
  const c = new pg.Client({ connectionString: u.toString() });
  await c.connect();
  try {
    if ((await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount === 0) {
      log(`creating database ${name}`);
      await c.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
    }
  } finally {
    await c.end();
  }
}

/**
 * The browser figure comes from e2e/map.speed.e2e.test.ts (Chromium, Performance API), which
 * writes bench/out/map-speed.json; the bench quotes the latest one rather than start a browser.
 */
function browserNote(): string {
  const file = 'bench/out/map-speed.json';
  if (!existsSync(file)) return 'not measured: run `node --import tsx --test e2e/map.speed.e2e.test.ts` (after `npm run build:web`), then the bench again';
  const { date, figures } = JSON.parse(readFileSync(file, 'utf8')) as { date: string; figures: { view: string; zoom: number; drawn: number; renderMs: number }[] };
  // The second pass of each view: the first also warms the page's code.
  const last = figures.slice(-3);
  return `${last.map((f) => `zoom ${f.zoom} (${f.drawn} drawn): ${Math.round(f.renderMs)} ms`).join('; ')} — e2e/map.speed.e2e.test.ts, ${date.slice(0, 10)}, fixture city on PGlite`;
}

async function main(): Promise<void> {
  await createDatabase(DB_URL);
  const db = await openDb({ databaseUrl: DB_URL, statementTimeoutMs: 3_600_000 });
  stoppers.push(() => db.close());
  log(`dataset: N = ${N}`);
  const ds = await ensureDataset(db, N, log);
  log(`dataset: ${ds.poles} poles, ${ds.spans} spans (${ds.reused ? 'reused' : `loaded in ${ds.loadSeconds.toFixed(1)} s`})`);
  const vb = await viewportBbox(db, 2000);
  const bbox = vb.bbox.join(',');
  const v = (await db.query<{ pg: string; postgis: string }>("SELECT current_setting('server_version') AS pg, postgis_lib_version() AS postgis")).rows[0]!;

  const targets: { name: string; url: string }[] = [];
  const pw = await startPolewatch(PORT, DB_URL);
  stoppers.push(pw.stop);
  targets.push({ name: POLEWATCH, url: `${pw.url}/api/poles?bbox=${bbox}&limit=5000` });
  const limit = await startLimit(PORT + 80, DB_URL);
  stoppers.push(limit.stop);
  targets.push({ name: LIMIT, url: `${limit.url}/poles?bbox=${bbox}` });
  if (!skip('PEERS')) {
    installPeers(log);
    const columns = (await db.query<{ c: string }>(
      "SELECT column_name AS c FROM information_schema.columns WHERE table_schema = 'public' AND table_name = 'poles' AND column_name <> 'feature' ORDER BY ordinal_position",
    )).rows.map((r) => r.c);
    const peers = await startPeers(DB_URL, columns, log);
    stoppers.push(peers.stop);
    for (const p of PEERS) targets.push({ name: p.name, url: p.url(bbox) });
  }

  const viewport: ViewportRow[] = [];
  for (const t of targets) {
    for (const conns of [2, 16]) {
      log(`viewport: ${t.name}, ${conns} connections`);
      viewport.push({ target: t.name, conns, r: await measure(t.url, conns) });
    }
  }
  const summaryUrl = '/api/poles/summary?bbox=115.8,36.3,116.2,36.6&zoom=12';
  log('zoomed-out city view');
  const summary = { url: summaryUrl, conns: 2, r: await measure(pw.url + summaryUrl, 2) };
  let importFigures = null;
  if (!skip('IMPORT')) {
    log('import: HTTP vs COPY');
    importFigures = await measureImport(db, pw.url, DB_URL, Number(env.BENCH_IMPORT_ROWS ?? 100_000));
  }
  await stopAll();

  // Alone on the machine: PostgreSQL is idle by now, the embedded server gets the cores.
  const embedded = skip('EMBEDDED') ? null : (log('embedded: PGlite'), await measureEmbedded(Number(env.BENCH_EMBEDDED_N ?? 100_000), PORT + 1, log));

  const report: BenchReport = {
    date: new Date().toISOString(),
    machine: { cpu: cpus()[0]?.model ?? '?', cores: cpus().length, ramGb: totalmem() / 2 ** 30, loadavg: load },
    versions: { node: process.version, PostgreSQL: v.pg, PostGIS: v.postgis, ...(skip('PEERS') ? {} : (({ mapserver, qgis }) => ({ MapServer: mapserver, 'QGIS Server': qgis }))(peerVersions())) },
    n: N, poles: ds.poles, spans: ds.spans, bbox, bboxPoles: vb.poles, durationS: DURATION_S,
    viewport, summary, importFigures, embedded,
    browserNote: browserNote(),
  };
  const md = renderReport(report, PEERS.map((p) => p.name));
  console.log(md);
  writeFileSync(OUT, md);
  log(`written to ${OUT}`);
}

main().catch(async (err: unknown) => {
  console.error(err);
  await stopAll();
  process.exitCode = 1;
});
