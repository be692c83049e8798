import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../server/app.ts';
import { loadConfig } from '../server/config/config.ts';
import { openTestDb } from './support/test.db.ts';

test('live answers without the database; ready and health report it, and a lost database leaks nothing', async () => {
  const db = await openTestDb();
  const app = await buildApp({ db, config: loadConfig({}), webDir: null });
  try {
    assert.equal((await app.inject({ method: 'GET', url: '/api/health/ready' })).statusCode, 200);
    // The real database goes away under the running app.
    await db.close();
    const live = await app.inject({ method: 'GET', url: '/api/health/live' });
    assert.equal(live.statusCode, 200);
    for (const url of ['/api/health/ready', '/api/health']) {
      const res = await app.inject({ method: 'GET', url });
      assert.equal(res.statusCode, 503, url);
      assert.equal(res.headers['retry-after'], '5');
    }
    const list = await app.inject({ method: 'GET', url: '/api/poles?limit=1' });
    assert.equal(list.statusCode, 500, 'a lost database is a server fault');
    assert.equal(list.json().error.code, 'internal');
    assert.doesNotMatch(list.body, /closed|pool|end/i, 'and its details stay inside');
  } finally {
    await app.close();
  }
});
