import { before, after } from 'node:test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp, type AppDeps } from '../../server/app.ts';
import { loadConfig, type Config } from '../../server/config/config.ts';
import type { Db } from '../../server/db/db.types.ts';
import { fixturePassword } from '../../fixtures/users.load.ts';
import { openTestDb } from './test.db.ts';

export interface TestContext {
  app: FastifyInstance;
  db: Db;
  config: Config;
  close(): Promise<void>;
}

export async function startTestApp(env: Record<string, string> = {}, logger?: AppDeps['logger'], now?: () => Date): Promise<TestContext> {
  // Config first: a bad setting must fail before a database is open to leak.
  // Evidence files of each test process go to their own temporary folder.
  const config = loadConfig({ PHOTO_DIR: mkdtempSync(join(tmpdir(), 'polewatch-photos-')), JOBS_INTERVAL_MS: '0', ...env });
  const db = await openTestDb();
  const app = await buildApp({ db, config, webDir: null, logger, now });
  await app.ready();
  return { app, db, config, close: async () => { await app.close(); await db.close(); } };
}

export interface Session {
  headers: { cookie: string; 'x-csrf-token': string };
}

/** Signs in a fixture account and returns the headers a browser would send. */
export async function login(app: FastifyInstance, username: string): Promise<Session> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: fixturePassword(username) } });
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'pw_session');
  if (!cookie) throw new Error('no session cookie');
  return { headers: { cookie: `pw_session=${cookie.value}`, 'x-csrf-token': res.json().csrfToken } };
}

/**
 * The usual shape of a test file: one app for the whole file and one signed-in account,
 * opened before the first test and closed after the last. Read `.t` and `.session` inside tests.
 */
export function appPerFile(username: string, env: Record<string, string> = {}): { t: TestContext; session: Session } {
  const holder = {} as { t: TestContext; session: Session };
  before(async () => {
    holder.t = await startTestApp(env);
    holder.session = await login(holder.t.app, username);
  });
  after(() => holder.t.close());
  return holder;
}
