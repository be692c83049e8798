import { createConnection, createServer, type Server, type Socket } from 'node:net';

/**
 * A TCP relay in front of PostgreSQL that a test can cut and restore: the database as the
 * server sees it goes away (connections drop, new ones are refused) and comes back on the
 * same address — a PostgreSQL restart without disturbing anyone else using the real one.
 */
export class TcpProxy {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  private trap: Buffer | null = null;

  constructor(private readonly port: number, private readonly target: { host: string; port: number }) {}

  async up(): Promise<void> {
    const server = createServer((client) => {
      const upstream = createConnection(this.target);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => undefined);
      }
      // Forwarded by hand (no backpressure needed in tests) so a trap can cut one answer.
      let cutting = false;
      client.on('data', (d: Buffer) => {
        if (this.trap && d.includes(this.trap)) {
          this.trap = null;
          cutting = true;
        }
        upstream.write(d);
      });
      upstream.on('data', (d: Buffer) => {
        if (!cutting) return void client.write(d);
        client.destroy();
        upstream.destroy();
      });
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    await new Promise<void>((resolve, reject) => server.once('error', reject).listen(this.port, '127.0.0.1', () => resolve()));
    this.server = server;
  }

  /**
   * The next time a client sends `marker` (e.g. "COMMIT\0"), PostgreSQL gets it and acts on
   * it, but the connection is cut before its answer gets back: the outcome is unknown to the client.
   */
  cutAnswerTo(marker: string): void {
    this.trap = Buffer.from(marker);
  }

  /** Drops every connection and stops listening: new connections are refused. */
  async down(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  url(base: string): string {
    const u = new URL(base);
    u.hostname = '127.0.0.1';
    u.port = String(this.port);
    return u.toString();
  }
}
