import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { login, startTestApp, type TestContext } from './support/test.app.ts';

let t: TestContext;
before(async () => {
  t = await startTestApp();
});
after(() => t.close());

type Link = { rel: string; href: string; type?: string };
const get = async (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });
const rel = (links: Link[], r: string) => links.filter((l) => l.rel === r);

test('landing page and conformance point where OGC clients look', async () => {
  const res = await get('/ogc');
  assert.equal(res.statusCode, 200);
  const links = res.json().links as Link[];
  for (const r of ['self', 'service-desc', 'conformance', 'data']) assert.equal(rel(links, r).length, 1, r);
  const conf = (await get('/ogc/conformance')).json().conformsTo as string[];
  assert.ok(conf.includes('http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core'));
  assert.ok(conf.includes('http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson'));
  const api = await get('/ogc/api');
  assert.match(String(api.headers['content-type']), /openapi\+json/);
  assert.ok(api.json().paths['/ogc/collections/{collectionId}/items']);
});

test('collections describe poles and spans with a WGS84 extent', async () => {
  const body = (await get('/ogc/collections')).json();
  assert.deepEqual(body.collections.map((c: { id: string }) => c.id), ['poles', 'spans', 'burial-projects', 'road-works']);
  const poles = body.collections[0];
  const [x1, y1, x2, y2] = poles.extent.spatial.bbox[0];
  assert.ok(x1 < 115.985 && x2 > 115.985 && y1 < 36.457 && y2 > 36.457);
  assert.equal(rel(poles.links, 'items')[0]!.type, 'application/geo+json');
  assert.equal((await get('/ogc/collections/nosuch')).statusCode, 404);
});

test('items: bbox count equals the API, and next links keep every parameter', async () => {
  const bbox = '115.97,36.44,116.0,36.47';
  const seen = new Set<number>();
  let url: string | null = `/ogc/collections/poles/items?bbox=${bbox}&status=in_service,abandoned&condition=good&limit=100`;
  while (url) {
    const res = await get(url);
    assert.equal(res.statusCode, 200, res.body);
    assert.match(String(res.headers['content-type']), /application\/geo\+json/);
    const body = res.json() as { features: { id: number; properties: { condition: string } }[]; numberReturned: number; links: Link[] };
    assert.equal(body.numberReturned, body.features.length);
    for (const f of body.features) {
      assert.equal(f.properties.condition, 'good');
      seen.add(f.id);
    }
    const next = rel(body.links, 'next')[0];
    if (next) {
      const u = new URL(next.href);
      assert.equal(u.searchParams.get('bbox'), bbox);
      assert.equal(u.searchParams.get('condition'), 'good');
      assert.equal(u.searchParams.get('limit'), '100');
      assert.ok(u.searchParams.get('cursor'));
    }
    url = next ? next.href.replace(/^https?:\/\/[^/]+/, '') : null;
  }
  const api = (await get(`/api/poles?bbox=${bbox}&condition=good&limit=5000`)).json();
  assert.equal(seen.size, api.features.length);
  assert.ok(seen.size > 100, 'more than one page was walked');
});

test('one feature, HTML views, and bad parameters', async () => {
  const f = await get('/ogc/collections/poles/items/1');
  assert.equal(f.statusCode, 200);
  assert.equal(f.json().id, 1);
  assert.equal(rel(f.json().links, 'collection').length, 1);
  assert.equal((await get('/ogc/collections/poles/items/999999999')).statusCode, 404);
  const html = await get('/ogc/collections/poles/items?limit=3&f=html');
  assert.match(String(html.headers['content-type']), /text\/html/);
  assert.match(html.body, /<table>/);
  assert.equal((await get('/ogc/collections/poles/items?bbox=1,2,3')).statusCode, 400);
  assert.equal((await get('/ogc/collections/poles/items?limit=-1')).statusCode, 400);
  assert.equal((await get('/ogc/collections/poles/items?sortby=code')).statusCode, 400);
  assert.equal((await get('/ogc/collections/poles/items?bbox-crs=EPSG:3857&bbox=1,2,3,4')).statusCode, 400);
  assert.equal((await get('/ogc?f=xml')).statusCode, 400);
});

test('burial projects and road works: bbox and limit as for poles, next links, one feature, counts equal to the API', async () => {
  const viewer = await login(t.app, 'viewer');
  for (const [id, api] of [['road-works', '/api/road-works'], ['burial-projects', '/api/burial-projects']] as const) {
    const bbox = '115.95,36.44,116.03,36.51';
    const seen: number[] = [];
    let url: string | null = `/ogc/collections/${id}/items?bbox=${bbox}&limit=1`;
    while (url) {
      const res = await get(url);
      assert.equal(res.statusCode, 200, res.body);
      assert.match(String(res.headers['content-type']), /application\/geo\+json/);
      const body = res.json() as { features: { id: number; geometry: { type: string }; properties: { name: string; status: string } }[]; links: Link[] };
      assert.ok(body.features.length <= 1);
      for (const f of body.features) {
        assert.ok(f.properties.name && f.properties.status && f.geometry.type);
        seen.push(f.id);
      }
      const next = rel(body.links, 'next')[0];
      if (next) assert.equal(new URL(next.href).searchParams.get('bbox'), bbox);
      url = next ? next.href.replace(/^https?:\/\/[^/]+/, '') : null;
    }
    const all = (await t.app.inject({ method: 'GET', url: `${api}?bbox=${bbox}`, headers: viewer.headers })).json().features as { id: number }[];
    assert.deepEqual(seen, all.map((f) => f.id));
    assert.ok(seen.length >= 2, `${id}: ${seen.length}`);
    const one = await get(`/ogc/collections/${id}/items/${seen[0]}`);
    assert.equal(one.statusCode, 200);
    assert.equal(one.json().id, seen[0]);
    assert.equal((await get(`/ogc/collections/${id}/items/999999`)).statusCode, 404);
    assert.equal((await get(`/ogc/collections/${id}/items?status=nonsense`)).statusCode, 400);
    assert.equal((await get(`/ogc/collections/${id}/items?status=planned,proposed,approved&limit=0`)).statusCode, 400);
  }
  const far = (await get('/ogc/collections/road-works/items?bbox=115.0,35.0,115.1,35.1')).json();
  assert.equal(far.features.length, 0);
});
