/**
 * Import throughput: 100,000 survey rows through the real import path over HTTP (sign in,
 * POST /api/imports/preview with validation on, POST …/commit), against a plain COPY of the
 * same rows into the same table (psql \copy: no parsing of owners or conditions, no checks,
 * no history). Both sets are removed afterwards so the dataset stays the one that was generated.
 */
import { spawn } from 'node:child_process';
import type { Db } from '../server/db/db.types.ts';
import { surveyCsv, surveyRows } from './import.rows.ts';

const IMPORT_PREFIX = 'BIMP';
const COPY_PREFIX = 'BCOPY';
const FILENAME = 'bench-import.csv';

export interface ImportFigures {
  rows: number;
  previewS: number;
  commitS: number;
  importRowsPerS: number;
  copyS: number;
  copyRowsPerS: number;
}

async function signIn(base: string): Promise<{ cookie: string; csrf: string }> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'officer', password: 'dev-officer-2026' }),
  });
  if (!res.ok) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  return { cookie, csrf: ((await res.json()) as { csrfToken: string }).csrfToken };
}

async function post(base: string, path: string, auth: { cookie: string; csrf: string }, body: FormData | string): Promise<Record<string, unknown>> {
  const headers: Record<string, string> = { cookie: auth.cookie, 'x-csrf-token': auth.csrf };
  if (typeof body === 'string') headers['content-type'] = 'application/json';
  const res = await fetch(`${base}${path}`, { method: 'POST', headers, body });
  const text = await res.text();
  if (!res.ok) throw new Error(`${path} → ${res.status}: ${text.slice(0, 500)}`);
  return JSON.parse(text) as Record<string, unknown>;
}

function psqlCopy(dbUrl: string, csv: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const p = spawn('psql', [dbUrl, '-v', 'ON_ERROR_STOP=1', '-qc',
      '\\copy poles (code, geom, height_m, install_year, note) FROM STDIN WITH (FORMAT csv)'], { stdio: ['pipe', 'inherit', 'inherit'] });
    p.on('error', reject);
    p.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`psql \\copy exited with ${code}`))));
    p.stdin.end(csv);
  });
}

/** Removes what the two runs wrote; the history is append-only, so its guard (and every other trigger) is bypassed for this cleanup only. */
export async function removeImported(db: Db): Promise<void> {
  await db.tx(async (q) => {
    await q.query("SET LOCAL session_replication_role = 'replica'");
    const mine = `SELECT id FROM poles WHERE starts_with(code, '${IMPORT_PREFIX}-') OR starts_with(code, '${COPY_PREFIX}-')`;
    await q.query(`DELETE FROM pole_history WHERE pole_id IN (${mine})`);
    await q.query(`DELETE FROM poles WHERE id IN (${mine})`);
    await q.query('DELETE FROM imports WHERE filename = $1', [FILENAME]);
    // Those deletes bypassed the zoomed-out grid's triggers too (migration 0015).
    await q.query('SELECT pole_grid_rebuild()');
  });
}

export async function measureImport(db: Db, base: string, dbUrl: string, rows: number): Promise<ImportFigures> {
  await removeImported(db);
  try {
    const auth = await signIn(base);
    const form = new FormData();
    form.append('file', new Blob([surveyCsv(surveyRows(IMPORT_PREFIX, rows))], { type: 'text/csv' }), FILENAME);
    const t0 = performance.now();
    const preview = await post(base, '/api/imports/preview', auth, form);
    const t1 = performance.now();
    const counts = preview.counts as { new: number; error: number };
    if (counts.new !== rows) throw new Error(`import preview: expected ${rows} new rows, got ${JSON.stringify(counts)}`);
    const commit = await post(base, `/api/imports/${String(preview.import_id)}/commit`, auth, '{}');
    const t2 = performance.now();
    if (commit.inserted !== rows) throw new Error(`import commit: expected ${rows} inserted, got ${JSON.stringify(commit)}`);

    const plain = surveyRows(COPY_PREFIX, rows).map((r) => `${r.code},SRID=4326;POINT(${r.lng} ${r.lat}),${r.height},${r.year},${r.note}`).join('\n') + '\n';
    const t3 = performance.now();
    await psqlCopy(dbUrl, plain);
    const copyS = (performance.now() - t3) / 1000;
    const importS = (t2 - t0) / 1000;
    return { rows, previewS: (t1 - t0) / 1000, commitS: (t2 - t1) / 1000, importRowsPerS: rows / importS, copyS, copyRowsPerS: rows / copyS };
  } finally {
    await removeImported(db);
  }
}
