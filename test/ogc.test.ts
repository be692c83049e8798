import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestContext } from './support/test.app.ts';

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
  assert.deepEqual(body.collections.map((c: { id: string }) => c.id), ['poles', 'spans']);
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
