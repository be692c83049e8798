import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

export interface ServerChildOptions {
  /** the entry point, relative to the project root (server/main.ts, a bench or test server) */
  script: string;
  port: number;
  env: Record<string, string>;
  /** polled until it answers 2xx */
  readyPath: string;
  waitMs: number;
  pollMs?: number;
  /** an IPC channel to the child (the browser tests' movable clock) */
  ipc?: boolean;
}

export interface ServerChild {
  child: ChildProcess;
  url: string;
  /** milliseconds from spawn until the ready path answered */
  readyMs: number;
  alive(): boolean;
  /** the last lines the child printed */
  tail(lines?: number): string;
  /** ends the process (SIGTERM: graceful; SIGKILL: as a power cut would) and waits until it is gone */
  stop(signal?: 'SIGTERM' | 'SIGKILL'): Promise<void>;
}

/**
 * A server as a child process, `node --import tsx <script>` (not the tsx launcher, so a signal
 * reaches the process that holds the database connections), polled until ready. Used by the
 * browser tests, the fault tests and the benchmarks. A child that exits early or never becomes
 * ready is stopped and reported with what it printed.
 */
export async function startServerChild(o: ServerChildOptions): Promise<ServerChild> {
  const t0 = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', o.script], {
    cwd: ROOT,
    env: { ...process.env, ...o.env, PORT: String(o.port), HOST: '127.0.0.1' },
    stdio: o.ipc ? ['ignore', 'pipe', 'pipe', 'ipc'] : ['ignore', 'pipe', 'pipe'],
  });
  const log: string[] = [];
  const keep = (d: Buffer) => {
    log.push(...d.toString().split('\n').filter(Boolean));
    if (log.length > 500) log.splice(0, log.length - 500);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const alive = () => child.exitCode === null && child.signalCode === null;
  const tail = (lines = 30) => log.slice(-lines).join('\n');
  const stop = async (signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM') => {
    if (!alive()) return;
    const gone = new Promise<void>((r) => child.once('exit', () => r()));
    child.kill(signal);
    await gone;
  };
  const url = `http://127.0.0.1:${o.port}`;
  const deadline = Date.now() + o.waitMs;
  for (;;) {
    if (!alive()) throw new Error(`${o.script} exited during start-up (code ${child.exitCode}):\n${tail()}`);
    if (await fetch(url + o.readyPath).then((r) => r.ok, () => false)) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`${o.script} did not become ready within ${o.waitMs} ms:\n${tail()}`);
    }
    await new Promise((r) => setTimeout(r, o.pollMs ?? 250));
  }
  return { child, url, readyMs: performance.now() - t0, alive, tail, stop };
}
