import { test } from 'node:test';
import assert from 'node:assert/strict';
import Fastify from 'fastify';
import { installErrorHandler } from '../server/http/error.handler.ts';
import { fromSqlState, DomainError } from '../server/http/errors.ts';
import { jsonDepthExceeds } from '../server/http/json.parser.ts';
import { parseBbox } from '../server/http/bbox.ts';
import { installPolicy, MissingPolicyError, PUBLIC } from '../server/http/policy.ts';
import { ANONYMOUS } from '../server/auth/principal.ts';
import { positionToWgs84 } from '../server/poles/poles.geometry.ts';
import { loadConfig, ConfigError } from '../server/config/config.ts';

test('a 500 tells the client nothing about the inside', async () => {
  const app = Fastify();
  installErrorHandler(app);
  app.get('/boom', async () => {
    throw new Error('connect ECONNREFUSED 10.0.0.5:5432 password=hunter2');
  });
  const res = await app.inject({ method: 'GET', url: '/boom' });
  assert.equal(res.statusCode, 500);
  assert.equal(res.json().error.code, 'internal');
  assert.doesNotMatch(res.body, /hunter2|ECONNREFUSED|10\.0\.0\.5/);
});

test('SQLSTATEs map to the documented statuses', () => {
  const status = (code: string) => fromSqlState({ code })?.status;
  assert.equal(status('23505'), 409);
  assert.equal(status('23503'), 409);
  assert.equal(status('23514'), 422);
  assert.equal(status('57014'), 503);
  assert.equal(status('08006'), 503, 'a lost connection is transient: come back later (db.resilience.test.ts has the rest)');
  assert.equal(fromSqlState(new Error('x')), undefined);
});

test('a route without a policy stops the server from starting', async () => {
  const app = Fastify();
  installPolicy(app, async () => ANONYMOUS);
  app.get('/fine', { config: { policy: PUBLIC } }, async () => 'ok');
  assert.throws(() => app.get('/forgotten', async () => 'oops'), MissingPolicyError);
});

test('JSON depth is measured without parsing, strings do not count', () => {
  assert.equal(jsonDepthExceeds('{"a":[[1]]}', 3), false);
  assert.equal(jsonDepthExceeds('{"a":[[[1]]]}', 3), true);
  assert.equal(jsonDepthExceeds('{"a":"[[[[[[[[[[\\"[[[["}', 2), false);
});

test('bbox parsing', () => {
  assert.deepEqual(parseBbox('115.97,36.44,116.0,36.47'), [115.97, 36.44, 116, 36.47]);
  for (const bad of ['1,2,3', '1,2,3,4,5', '3,2,1,4', 'a,b,c,d', '0,0,0x10,1', ' , , , ']) {
    assert.throws(() => parseBbox(bad), (e: DomainError) => e.status === 400, bad);
  }
});

test('positions: rounding, range checks and declared Chinese systems', () => {
  assert.deepEqual(positionToWgs84([115.123456789, 36.987654321]), { lng: 115.1234568, lat: 36.9876543 });
  assert.throws(() => positionToWgs84([36.45, 115.98]), (e: DomainError) => e.code === 'latitude_out_of_range');
  const wgs = positionToWgs84([116.0, 36.45], 'wgs84');
  const fromBd = positionToWgs84([116.0, 36.45], 'bd09');
  const fromGcj = positionToWgs84([116.0, 36.45], 'gcj02');
  assert.ok(fromBd.lng < wgs.lng && fromGcj.lng < wgs.lng, 'both offsets are eastward, so converting moves west');
  assert.ok(Math.abs(fromBd.lng - wgs.lng) > Math.abs(fromGcj.lng - wgs.lng), 'BD-09 adds its own offset on top of GCJ-02');
  assert.deepEqual(positionToWgs84([116.0, 36.45], 'cgcs2000'), wgs);
});

test('config is validated once, with messages that name the key', () => {
  const c = loadConfig({});
  assert.equal(c.port, 3000);
  assert.equal(c.databaseUrl, undefined);
  assert.equal(c.pgliteDataDir, './data/pgdata');
  assert.throws(() => loadConfig({ PORT: 'eighty' }), (e: Error) => e instanceof ConfigError && /PORT/.test(e.message));
  assert.throws(() => loadConfig({ SERVICE_AREA_BBOX: '1,2,3' }), /SERVICE_AREA_BBOX/);
  assert.throws(() => loadConfig({ TILE_URL: 'http://example.org/tiles.png' }), /TILE_URL/);
  assert.equal(loadConfig({ TILE_URL: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png' }).map.tileLayer?.maxZoom, 19);
});
