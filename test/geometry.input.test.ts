import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Db } from '../server/db/db.types.ts';
import type { DomainError } from '../server/http/errors.ts';
import { validateGeometry } from '../server/geo/geometry.input.ts';
import { openTestDb } from './support/test.db.ts';

/** BAD_INPUTS.md: polygons and routes, checked by the validator every drawing endpoint uses. */
let db: Db;
before(async () => {
  db = await openTestDb();
});
after(() => db.close());

const AREA = { allowed: ['Polygon', 'MultiPolygon'] as const };
const ROUTE = { allowed: ['LineString'] as const };
const square = [[115.98, 36.45], [115.99, 36.45], [115.99, 36.46], [115.98, 36.46], [115.98, 36.45]];

const rejects = async (g: unknown, rules: { allowed: readonly ('Polygon' | 'MultiPolygon' | 'LineString')[]; maxVertices?: number }, code: string, status = 422) => {
  await assert.rejects(validateGeometry(db, g as { type: string; coordinates: unknown }, rules), (e: DomainError) => {
    assert.equal(e.status, status);
    assert.equal(e.code, code);
    return true;
  });
};

test('a valid polygon and route pass, with Z dropped', async () => {
  const out = JSON.parse(await validateGeometry(db, { type: 'Polygon', coordinates: [square.map(([x, y]) => [x, y, 30])] }, AREA));
  assert.equal(out.type, 'Polygon');
  assert.equal(out.coordinates[0][0].length, 2);
  await validateGeometry(db, { type: 'LineString', coordinates: [[115.98, 36.45], [115.99, 36.451]] }, ROUTE);
});

test('a ring that is not closed → 422', () => rejects({ type: 'Polygon', coordinates: [square.slice(0, 4)] }, AREA, 'ring_not_closed'));

test('a ring with fewer than 4 positions → 422', () =>
  rejects({ type: 'Polygon', coordinates: [[[115.98, 36.45], [115.99, 36.45], [115.98, 36.45]]] }, AREA, 'invalid_geometry'));

test('a bow-tie polygon → 422 with PostGIS’s reason', async () => {
  const bowtie = [[115.98, 36.45], [115.99, 36.46], [115.99, 36.45], [115.98, 36.46], [115.98, 36.45]];
  await assert.rejects(validateGeometry(db, { type: 'Polygon', coordinates: [bowtie] }, AREA), (e: DomainError) => {
    assert.equal(e.status, 422);
    assert.match(e.message, /Self-intersection/i);
    return true;
  });
});

test('a self-crossing route → 422', () =>
  rejects({ type: 'LineString', coordinates: [[115.98, 36.45], [115.99, 36.46], [115.99, 36.45], [115.98, 36.46]] }, ROUTE, 'self_intersecting'));

test('the wrong geometry type → 422', () => rejects({ type: 'Point', coordinates: [115.98, 36.45] }, AREA, 'wrong_geometry_type'));

test('swapped, out-of-range and non-numeric positions → 422', async () => {
  await rejects({ type: 'LineString', coordinates: [[36.45, 115.98], [36.46, 115.99]] }, ROUTE, 'latitude_out_of_range');
  await rejects({ type: 'LineString', coordinates: [[181, 36.45], [115.99, 36.46]] }, ROUTE, 'longitude_out_of_range');
  await rejects({ type: 'LineString', coordinates: [['115.98', 36.45], [115.99, 36.46]] }, ROUTE, 'invalid_coordinates');
  await rejects({ type: 'LineString', coordinates: [[null, 36.45], [115.99, 36.46]] }, ROUTE, 'invalid_coordinates');
});

test('a line with a million vertices → 422 before PostGIS sees it', async () => {
  const huge = Array.from({ length: 1_000_000 }, (_, i) => [115.9 + i * 1e-7, 36.45]);
  await rejects({ type: 'LineString', coordinates: huge }, ROUTE, 'too_many_vertices');
});

test('many geometries in one round trip: each failure reported by its index, the rest returned', async () => {
  const { validateGeometries } = await import('../server/geo/geometry.input.ts');
  const bowtie = [[115.98, 36.45], [115.99, 36.46], [115.99, 36.45], [115.98, 36.46], [115.98, 36.45]];
  const list = [
    { type: 'LineString', coordinates: [[115.98, 36.45], [115.99, 36.451]] },
    { type: 'Polygon', coordinates: [bowtie] },
    { type: 'Point', coordinates: [115.98, 36.45] },
    { type: 'Polygon', coordinates: [square] },
    { type: 'LineString', coordinates: [[115.98, 36.45], [115.99, 36.46], [115.99, 36.45], [115.98, 36.46]] },
  ];
  const r = await validateGeometries(db, list, { allowed: ['LineString', 'Polygon'] });
  assert.deepEqual(r.problems.map((p) => [p.index, p.error.code]), [[1, 'invalid_geometry'], [2, 'wrong_geometry_type'], [4, 'self_intersecting']]);
  assert.deepEqual(r.geojson.map((g) => (g === null ? null : JSON.parse(g).type)), ['LineString', null, null, 'Polygon', null]);
});
