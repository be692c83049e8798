/**
 * Starts the servers under test as child processes and stops them by PID: the real polewatch
 * server (server/main.ts, as `npm start` runs it minus the web build) and the limit.
 */
import { spawn, type ChildProcess } from 'node:child_process';

export interface Child {
  url: string;
  /** Milliseconds from spawn until it answered its readiness URL. */
  readyMs: number;
  stop(): Promise<void>;
}

export async function startChild(script: string, port: number, env: Record<string, string>, readyPath: string, waitMs = 600_000): Promise<Child> {
  const t0 = performance.now();
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', script], {
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d) => (output = (output + d).slice(-4000)));
  child.stderr!.on('data', (d) => (output = (output + d).slice(-4000)));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(killer);
  };
  const deadline = Date.now() + waitMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${script} exited early:\n${output}`);
    const ok = await fetch(url + readyPath).then((r) => r.ok, () => false);
    if (ok) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`${script} did not become ready:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url, readyMs: performance.now() - t0, stop };
}

/** polewatch on PostgreSQL (DATABASE_URL) or, with an empty URL, on the PGlite folder given. */
export function startPolewatch(port: number, databaseUrl: string, pgliteDir = ''): Promise<Child> {
  return startChild('server/main.ts', port, {
    DATABASE_URL: databaseUrl,
    PGLITE_DATA_DIR: pgliteDir,
    JOBS_INTERVAL_MS: '0',
    LOG_LEVEL: 'warn',
    IMPORT_MAX_ROWS: '1000000',
  }, '/api/health');
}

export function startLimit(port: number, databaseUrl: string): Promise<Child> {
  return startChild('bench/limit.server.ts', port, { DATABASE_URL: databaseUrl }, '/poles?bbox=115.98,36.45,115.981,36.451');
}
