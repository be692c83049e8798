/** The Markdown the bench prints and writes to bench/RESULTS.md: machine, versions, figures, targets. */
import type { LoadResult } from './bench.load.ts';
import type { ImportFigures } from './bench.import.ts';
import type { EmbeddedFigures } from './bench.embedded.ts';

export interface ViewportRow { target: string; conns: number; r: LoadResult }

export interface BenchReport {
  date: string;
  machine: { cpu: string; cores: number; ramGb: number; loadavg: number[] };
  versions: Record<string, string>;
  n: number;
  poles: number;
  spans: number;
  bbox: string;
  bboxPoles: number;
  durationS: number;
  viewport: ViewportRow[];
  summary: { url: string; conns: number; r: LoadResult } | null;
  importFigures: ImportFigures | null;
  embedded: EmbeddedFigures | null;
  browserNote: string;
}

const f1 = (v: number) => v.toFixed(1);
const int = (v: number) => Math.round(v).toLocaleString('en');

interface Verdict { target: string; figure: string; met: boolean | null }

export const POLEWATCH = 'polewatch';
export const LIMIT = 'the limit (node:http + pg)';

function verdicts(r: BenchReport, peers: string[]): Verdict[] {
  const out: Verdict[] = [];
  const at = (t: string, c: number) => r.viewport.find((v) => v.target === t && v.conns === c)?.r;
  for (const c of [2, 16]) {
    const pw = at(POLEWATCH, c);
    const lim = at(LIMIT, c);
    const peerRps = peers.map((p) => at(p, c)?.rps).filter((v): v is number => v !== undefined);
    if (pw && peerRps.length) {
      const best = Math.max(...peerRps);
      out.push({ target: `viewport ≥ 1.5× the faster peer's req/s, ${c} conns`, figure: `${f1(pw.rps)} vs ${f1(best)} (${(pw.rps / best).toFixed(2)}×)`, met: pw.rps >= 1.5 * best });
    }
    if (pw && lim) out.push({ target: `viewport ≥ 0.8× the limit, ${c} conns`, figure: `${f1(pw.rps)} vs ${f1(lim.rps)} (${(pw.rps / lim.rps).toFixed(2)}×)`, met: pw.rps >= 0.8 * lim.rps });
  }
  const pw16 = at(POLEWATCH, 16);
  const peerP99 = peers.map((p) => at(p, 16)?.p99).filter((v): v is number => v !== undefined);
  if (pw16 && peerP99.length) out.push({ target: 'viewport p99 at 16 conns below the peers\'', figure: `${pw16.p99} ms vs ${Math.min(...peerP99)} ms (best peer)`, met: pw16.p99 < Math.min(...peerP99) });
  if (r.summary) out.push({ target: 'zoomed-out city view p50 < 150 ms', figure: `${r.summary.r.p50} ms`, met: r.summary.r.p50 < 150 });
  if (r.importFigures) {
    const ratio = r.importFigures.importRowsPerS / r.importFigures.copyRowsPerS;
    out.push({ target: 'import ≥ 25% of plain COPY', figure: `${int(r.importFigures.importRowsPerS)} vs ${int(r.importFigures.copyRowsPerS)} rows/s (${(ratio * 100).toFixed(1)}%)`, met: ratio >= 0.25 });
  }
  const renders = [...r.browserNote.matchAll(/: (\d+) ms/g)].map((m) => Number(m[1]));
  out.push({ target: 'browser map renders < 1 s after the data arrives', figure: r.browserNote, met: renders.length ? renders.every((ms) => ms < 1000) : null });
  return out;
}

/** What the figures compare, so nobody reads more (or less) into them. */
const NOTES = [
  '## How to read these figures',
  '',
  '- **The peers** read the same `poles` table (its own columns, not the `feature` text polewatch renders for itself), with the same session settings as polewatch (`jit=off`, no parallel gather, through `PGOPTIONS`), 4 FastCGI processes each under lighttpd (bench/bench.peers.ts). They send every column of the table and also the removed poles in the bbox; polewatch sends its 19 properties with owner, district and road names joined.',
  '- **The limit** is node:http + pg running polewatch\'s own query (poles.repo `listFeatures`), so what polewatch loses against it is Fastify, the auth and policy hooks and the envelope, not SQL.',
  '- **Viewport speed** comes from migration 0014: each pole\'s Feature is rendered once into `poles.feature` by `pole_feature()` and kept fresh by triggers; a request is a GiST scan and a `string_agg` of stored text. **The city view** comes from migration 0015: per-zoom cell counts in `pole_grid`, exact in the writing transaction; filtered zoomed-out views (e.g. orphan poles only) are still counted live: about 350 ms for the whole city at 1M poles.',
  '- **COPY** goes into the same `poles` table with its triggers (district from the point, rendered feature, grid), as any write does; the import pays for that too, plus decoding and validating, storing the dry run, the history row and the hash-chained audit row of every pole.',
  '- **The browser figure** is from the fixture city (12,000 poles) on PGlite; the client draws at most 2,000 markers on one canvas at any zoom (POLE_LIMIT), so the figure holds for any registry size.',
];

export function renderReport(r: BenchReport, peers: string[]): string {
  const L: string[] = [];
  L.push('# polewatch benchmark results', '');
  L.push('Produced by `npm run bench` (bench/bench.run.ts); figures, not assertions. One machine, one dataset, all targets in the same run.', '');
  L.push(`- date: ${r.date}`);
  L.push(`- machine: ${r.machine.cpu}, ${r.machine.cores} cores, ${f1(r.machine.ramGb)} GB RAM; load average at start ${r.machine.loadavg.map((v) => v.toFixed(2)).join(' / ')}${r.machine.loadavg[0]! > 1 ? ' — **the machine was shared** (other work was running; figures are lower than on an idle machine)' : ''}`);
  L.push(`- versions: ${Object.entries(r.versions).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  L.push(`- data: N = ${int(r.n)} (${int(r.poles)} poles, ${int(r.spans)} spans; bench/bench.generate.ts); viewport bbox \`${r.bbox}\` holds ${int(r.bboxPoles)} visible poles`);
  L.push(`- load: autocannon, ${r.durationS} s measured after a warm-up, no compression requested (same for every target)`, '');
  L.push('## Viewport GeoJSON (bbox of ~2,000 poles)', '');
  L.push('| target | conns | req/s | p50 ms | p99 ms | bytes/resp | non-2xx | errors |', '|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const v of r.viewport) L.push(`| ${v.target} | ${v.conns} | ${f1(v.r.rps)} | ${v.r.p50} | ${v.r.p99} | ${int(v.r.bytes)} | ${v.r.non2xx} | ${v.r.errors} |`);
  L.push('');
  if (r.summary) {
    L.push('## Zoomed-out city view', '', `\`${r.summary.url}\` at ${r.summary.conns} connections over ${int(r.poles)} poles: ${f1(r.summary.r.rps)} req/s, p50 ${r.summary.r.p50} ms, p99 ${r.summary.r.p99} ms, ${int(r.summary.r.bytes)} bytes.`, '');
  }
  if (r.importFigures) {
    const i = r.importFigures;
    L.push('## Import', '');
    L.push('| path | rows | seconds | rows/s |', '|---|---:|---:|---:|');
    L.push(`| HTTP import: preview (upload, decode GBK, parse, validate, plan, store) | ${int(i.rows)} | ${i.previewS.toFixed(2)} | ${int(i.rows / i.previewS)} |`);
    L.push(`| HTTP import: commit (insert, history, audit; one transaction) | ${int(i.rows)} | ${i.commitS.toFixed(2)} | ${int(i.rows / i.commitS)} |`);
    L.push(`| HTTP import, preview + commit | ${int(i.rows)} | ${(i.previewS + i.commitS).toFixed(2)} | ${int(i.importRowsPerS)} |`);
    L.push(`| plain COPY of the same rows (psql \\copy, no validation or history) | ${int(i.rows)} | ${i.copyS.toFixed(2)} | ${int(i.copyRowsPerS)} |`, '');
  }
  if (r.embedded) {
    const e = r.embedded;
    L.push('## Embedded (PGlite)', '');
    L.push(`${int(e.n)} poles. Cold start of server/main.ts on the loaded data folder until /api/health answers: **${int(e.coldStartMs)} ms**. Viewport bbox \`${e.bbox}\` (${int(e.bboxPoles)} poles) at 2 connections: ${f1(e.viewport.rps)} req/s, p50 ${e.viewport.p50} ms, p99 ${e.viewport.p99} ms, ${int(e.viewport.bytes)} bytes.`, '');
  }
  L.push('## Targets', '', '| target | figure | met |', '|---|---|---|');
  for (const v of verdicts(r, peers)) L.push(`| ${v.target} | ${v.figure} | ${v.met === null ? 'not measured' : v.met ? 'yes' : '**no**'} |`);
  L.push('', ...NOTES, '');
  return L.join('\n');
}
