import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * The real server as a child process: `node --import tsx server/main.ts`, not the tsx
 * launcher, so that SIGKILL reaches the process that holds the database connections.
 */
export class ServerProcess {
  private child: ChildProcess | null = null;
  private log: string[] = [];
  readonly base: string;

  constructor(private readonly env: Record<string, string>) {
    this.base = `http://127.0.0.1:${env.PORT}`;
  }

  async start(timeoutMs = 90_000): Promise<void> {
    this.log = [];
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], { cwd: ROOT, env: { ...process.env, ...this.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    const keep = (d: Buffer) => this.log.push(...d.toString().split('\n').filter(Boolean));
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    const end = Date.now() + timeoutMs;
    while (Date.now() < end) {
      if (child.exitCode !== null) throw new Error(`the server exited during start-up (code ${child.exitCode}):\n${this.tail()}`);
      const ok = await fetch(`${this.base}/api/health/ready`).then((r) => r.ok, () => false);
      if (ok) return;
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error(`the server did not become ready within ${timeoutMs} ms:\n${this.tail()}`);
  }

  get alive(): boolean {
    return this.child !== null && this.child.exitCode === null && this.child.signalCode === null;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Ends the process (SIGTERM: graceful; SIGKILL: as a power cut would) and waits for it to be gone. */
  async stop(signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM'): Promise<void> {
    const child = this.child;
    if (!child || !this.alive) return;
    const gone = new Promise<void>((r) => child.once('exit', () => r()));
    child.kill(signal);
    await gone;
  }

  tail(lines = 30): string {
    return this.log.slice(-lines).join('\n');
  }
}
