import { startServerChild, type ServerChild } from '../server.child.ts';

/**
 * The real server for the fault tests, started again after each kill: the same environment,
 * ready when /api/health/ready answers (the database is reachable), killable like a power cut.
 */
export class ServerProcess {
  private running: ServerChild | null = null;
  readonly base: string;

  constructor(private readonly env: Record<string, string>) {
    this.base = `http://127.0.0.1:${env.PORT}`;
  }

  async start(timeoutMs = 90_000): Promise<void> {
    this.running = await startServerChild({ script: 'server/main.ts', port: Number(this.env.PORT), env: this.env, readyPath: '/api/health/ready', waitMs: timeoutMs });
  }

  get alive(): boolean {
    return this.running?.alive() ?? false;
  }

  get pid(): number | undefined {
    return this.running?.child.pid;
  }

  /** Ends the process (SIGTERM: graceful; SIGKILL: as a power cut would) and waits for it to be gone. */
  async stop(signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM'): Promise<void> {
    await this.running?.stop(signal);
  }

  tail(lines = 30): string {
    return this.running?.tail(lines) ?? '';
  }
}
