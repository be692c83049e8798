import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startServerChild, type ServerChild } from '../scripts/server.child.ts';

/** The real server, started the way `npm start` starts it, on its own port and data folder. */
export interface RunningServer {
  url: string;
  stop(): Promise<void>;
  /**
   * Sets the server's clock to `instant` (only with `clock: true`), from where it ticks on:
   * deadlines and periods pass without waiting. The browser's clock is the test's to move.
   */
  setNow(instant: Date): Promise<void>;
}

export interface ServerOptions {
  /** start e2e/clock.server.ts, whose clock the test moves, instead of server/main.ts */
  clock?: boolean;
}

export async function startServer(requestedPort = 3199, opts: ServerOptions = {}): Promise<RunningServer> {
  // E2E_PORT runs a test file on another port than its own (several checkouts on one machine).
  const port = Number(process.env.E2E_PORT) || requestedPort;
  const dataDir = mkdtempSync(join(tmpdir(), 'polewatch-e2e-'));
  let server: ServerChild;
  try {
    server = await startServerChild({
      script: opts.clock ? 'e2e/clock.server.ts' : 'server/main.ts',
      port,
      env: { PGLITE_DATA_DIR: dataDir, PHOTO_DIR: join(dataDir, 'photos'), DATABASE_URL: '', LOG_LEVEL: 'warn' },
      readyPath: '/api/health',
      // A fresh embedded database loads the fixture city first: minutes on a busy machine.
      waitMs: Number(process.env.E2E_SERVER_WAIT_MS ?? 600_000),
      pollMs: 500,
      ipc: opts.clock,
    });
  } catch (err) {
    // Nothing left behind: the test's after() has no server to stop.
    rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }
  const { child } = server;
  return {
    url: server.url,
    stop: async () => {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
    setNow: (instant) =>
      new Promise<void>((resolve, reject) => {
        if (!opts.clock || !child.send) return reject(new Error('this server has no movable clock: start it with { clock: true }'));
        child.once('message', () => resolve());
        child.send({ setNow: instant.toISOString() });
      }),
  };
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
}

/** The real server, Chromium and one desktop page: what most browser tests start from. */
export interface BrowserSession {
  server: RunningServer;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

export async function openBrowserSession(port: number, opts: { baseURL?: boolean } & ServerOptions = {}): Promise<BrowserSession> {
  const server = await startServer(port, { clock: opts.clock ?? false });
  const browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, ...(opts.baseURL ? { baseURL: server.url } : {}) });
  const page = await context.newPage();
  return {
    server, browser, context, page,
    close: async () => {
      await browser.close();
      await server.stop();
    },
  };
}
