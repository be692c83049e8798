import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { login, startTestApp, type Session, type TestContext } from './support/test.app.ts';

/**
 * ../shared/BAD_INPUTS.md, sections coordinates/geometry, bbox, parameters and payloads,
 * one case per row. Each must get the status named, in the {error:{code,message}} shape,
 * and none may write anything.
 */
let t: TestContext;
let officer: Session;
let poleId: number;
let etag: string;
let before_: { poles: number; history: number };

const counts = async () => {
  const { rows } = await t.db.query<{ poles: number; history: number }>(
    'SELECT (SELECT count(*) FROM poles)::int AS poles, (SELECT count(*) FROM pole_history)::int AS history',
  );
  return rows[0]!;
};

before(async () => {
  t = await startTestApp();
  officer = await login(t.app, 'officer');
  const { rows } = await t.db.query<{ id: number; version: number }>("SELECT id, version FROM poles WHERE status = 'in_service' ORDER BY id LIMIT 1");
  poleId = rows[0]!.id;
  etag = `"pole-${poleId}-v${rows[0]!.version}"`;
  before_ = await counts();
});
after(() => t.close());

const point = (coordinates: unknown) => ({ geometry: { type: 'Point', coordinates } });

interface Case {
  name: string;
  method?: 'GET' | 'POST' | 'PATCH';
  url?: string;
  body?: unknown;
  raw?: string;
  contentType?: string;
  status: number;
  code?: string;
}

const deep = '['.repeat(5000) + ']'.repeat(5000);
const cases: Case[] = [
  // Coordinates and geometry
  { name: 'lat/lng swapped', body: point([36.45, 115.98]), status: 422, code: 'latitude_out_of_range' },
  { name: 'lng 181', body: point([181, 36.45]), status: 422, code: 'longitude_out_of_range' },
  { name: 'lat -91', body: point([115.98, -91]), status: 422, code: 'latitude_out_of_range' },
  { name: 'valid point far outside the city (Beijing)', body: point([116.397, 39.909]), status: 422, code: 'outside_service_area' },
  { name: 'null coordinate', body: point([null, 36.45]), status: 422 },
  { name: 'the string "NaN"', body: point(['NaN', 36.45]), status: 422 },
  { name: 'numbers given as strings', body: point(['115.98', '36.45']), status: 422 },
  { name: 'a single number', body: point([115.98]), status: 422 },
  { name: '4D position', body: point([115.98, 36.45, 1, 2]), status: 422 },
  { name: 'coordinates not an array', body: point('115.98,36.45'), status: 422 },
  { name: 'Polygon sent for a pole', body: { geometry: { type: 'Polygon', coordinates: [[[115.98, 36.45], [115.99, 36.45], [115.99, 36.46], [115.98, 36.45]]] } }, status: 422 },
  { name: 'missing geometry', body: { condition: 'good' }, status: 422 },
  { name: 'unknown crs', body: { ...point([115.98, 36.45]), crs: 'epsg3857' }, status: 422 },
  // bbox
  { name: 'bbox with 3 numbers', method: 'GET', url: '/api/poles?bbox=115.9,36.4,116', status: 400, code: 'invalid_bbox' },
  { name: 'bbox with 5 numbers', method: 'GET', url: '/api/poles?bbox=115.9,36.4,116,36.5,1', status: 400, code: 'invalid_bbox' },
  { name: 'bbox min > max', method: 'GET', url: '/api/poles?bbox=116,36.5,115.9,36.4', status: 400, code: 'invalid_bbox' },
  { name: 'bbox with words', method: 'GET', url: '/api/poles?bbox=a,b,c,d', status: 400, code: 'invalid_bbox' },
  { name: 'bbox with empty part', method: 'GET', url: '/api/poles?bbox=115.9,,116,36.5', status: 400, code: 'invalid_bbox' },
  { name: 'bbox beyond the globe', method: 'GET', url: '/api/poles?bbox=-200,-90,180,90', status: 400, code: 'invalid_bbox' },
  { name: 'summary bbox with 3 numbers', method: 'GET', url: '/api/poles/summary?zoom=12&bbox=1,2,3', status: 400, code: 'invalid_bbox' },
  // Parameters
  { name: 'limit=-1', method: 'GET', url: '/api/poles?limit=-1', status: 400, code: 'invalid_limit' },
  { name: 'limit=1e9', method: 'GET', url: '/api/poles?limit=1e9', status: 400, code: 'invalid_limit' },
  { name: 'limit=0', method: 'GET', url: '/api/poles?limit=0', status: 400, code: 'invalid_limit' },
  { name: 'limit above the maximum', method: 'GET', url: '/api/poles?limit=100000', status: 400, code: 'invalid_limit' },
  { name: 'page=abc (no such parameter)', method: 'GET', url: '/api/poles?page=abc', status: 400 },
  { name: 'sort on a column not on the allow-list', method: 'GET', url: '/api/poles?sort=password_hash', status: 400 },
  { name: 'SQL in a filter', method: 'GET', url: "/api/poles?owner=unicom'%3B%20DROP%20TABLE%20poles%3B--", status: 400, code: 'invalid_filter' },
  { name: 'SQL in the bbox', method: 'GET', url: '/api/poles?bbox=1,2,3,4)%3B%20DROP%20TABLE%20poles', status: 400, code: 'invalid_bbox' },
  { name: 'unknown condition', method: 'GET', url: '/api/poles?condition=exploded', status: 400, code: 'invalid_filter' },
  { name: 'forged cursor', method: 'GET', url: '/api/poles?cursor=bm90LWEtY3Vyc29y', status: 400, code: 'invalid_cursor' },
  { name: 'zoom missing', method: 'GET', url: '/api/poles/summary?bbox=115.9,36.4,116,36.5', status: 400 },
  { name: 'zoom 99', method: 'GET', url: '/api/poles/summary?zoom=99', status: 400, code: 'invalid_zoom' },
  { name: 'pole id not a number', method: 'GET', url: '/api/poles/abc', status: 400 },
  { name: 'pole id 0', method: 'GET', url: '/api/poles/0', status: 400 },
  { name: 'pole id overflowing int4', method: 'GET', url: '/api/poles/99999999999', status: 400 },
  // Payloads
  { name: 'body over the size limit', raw: JSON.stringify(point(new Array(300000).fill(115.98))), status: 413, code: 'payload_too_large' },
  { name: 'deeply nested JSON', raw: deep, status: 400, code: 'json_too_deep' },
  { name: 'malformed JSON', raw: '{"geometry": {', status: 400, code: 'invalid_json' },
  { name: 'prototype pollution key', raw: '{"__proto__": {"admin": true}, "geometry": {"type":"Point","coordinates":[115.98,36.45]}}', status: 400, code: 'forbidden_key' },
  { name: 'not JSON at all', raw: 'code=LC-1', contentType: 'text/plain', status: 415 },
  { name: 'owner_org_id set directly', body: { ...point([115.985, 36.457]), owner_org_id: 1 }, status: 422 },
  { name: 'ownership_status set directly', body: { ...point([115.985, 36.457]), ownership_status: 'confirmed' }, status: 422 },
  { name: 'status removed through a plain create', body: { ...point([115.985, 36.457]), status: 'removed' }, status: 422 },
  { name: 'district chosen by the client', body: { ...point([115.985, 36.457]), district_id: 1 }, status: 422 },
  { name: 'height -1', body: { ...point([115.985, 36.457]), height_m: -1 }, status: 422 },
  { name: 'install year 1800', body: { ...point([115.985, 36.457]), install_year: 1800 }, status: 422 },
  { name: 'install year 1999.5', body: { ...point([115.985, 36.457]), install_year: 1999.5 }, status: 422 },
  { name: 'boolean as a string', body: { ...point([115.985, 36.457]), cable_tangle: 'yes' }, status: 422 },
  { name: 'unknown owner code', body: { ...point([115.985, 36.457]), owner: 'nosuchfirm' }, status: 422, code: 'unknown_organisation' },
  { name: 'road that does not exist', body: { ...point([115.985, 36.457]), road_id: 99999999 }, status: 422, code: 'unknown_road' },
  { name: 'duplicate pole code', body: { ...point([115.985, 36.457]), code: 'LC-DCF-000001' }, status: 409, code: 'conflict' },
  { name: 'note too long', body: { ...point([115.985, 36.457]), note: 'x'.repeat(2001) }, status: 422 },
  { name: 'PATCH with an empty body', method: 'PATCH', body: {}, status: 422 },
  { name: 'PATCH setting version', method: 'PATCH', body: { version: 99 }, status: 422 },
  { name: 'PATCH setting the code', method: 'PATCH', body: { code: 'LC-DCF-999999' }, status: 422 },
  { name: 'PATCH moving the pole to Beijing', method: 'PATCH', body: point([116.397, 39.909]), status: 422, code: 'outside_service_area' },
  { name: 'PATCH with crs but no geometry', method: 'PATCH', body: { crs: 'gcj02' }, status: 422, code: 'crs_without_geometry' },
  { name: 'PATCH with an If-Match for another pole', method: 'PATCH', body: { condition: 'good' }, status: 412 },
];

for (const c of cases) {
  test(`bad input: ${c.name} → ${c.status}`, async () => {
    const method = c.method ?? 'POST';
    let url = c.url ?? '/api/poles';
    const headers: Record<string, string> = { ...officer.headers };
    if (method === 'PATCH') {
      url = `/api/poles/${poleId}`;
      headers['if-match'] = c.name.includes('another pole') ? `"pole-${poleId + 1}-v1"` : etag;
    }
    if (c.raw !== undefined || c.body !== undefined) headers['content-type'] = c.contentType ?? 'application/json';
    const res = await t.app.inject({ method, url, headers, payload: c.raw ?? (c.body === undefined ? undefined : JSON.stringify(c.body)) });
    assert.equal(res.statusCode, c.status, `${c.name}: ${res.body.slice(0, 300)}`);
    const body = res.json() as { error?: { code?: unknown; message?: unknown } };
    assert.equal(typeof body.error?.code, 'string', 'error.code');
    assert.ok(typeof body.error?.message === 'string' && body.error.message.length > 5, 'error.message a person can read');
    if (c.code) assert.equal(body.error!.code, c.code);
  });
}

test('none of the bad inputs wrote anything, and the server still answers', async () => {
  assert.deepEqual(await counts(), before_);
  const res = await t.app.inject({ method: 'GET', url: '/api/health' });
  assert.equal(res.statusCode, 200);
});

