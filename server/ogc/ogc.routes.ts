import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { PUBLIC } from '../http/policy.ts';
import { badRequest } from '../http/errors.ts';
import type { OgcService } from './ogc.service.ts';
import { featureTable, linkList, page } from './ogc.html.ts';

const TAG = { tags: ['ogc'] };
const JSON_T = 'application/json';
const GEOJSON = 'application/geo+json';
const CONFORMANCE = [
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/html',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30',
];
const CRS84 = 'http://www.opengis.net/def/crs/OGC/1.3/CRS84';
/** Parameters OGC clients may send on items; everything else is a client error. */
const ITEM_PARAMS = new Set(['bbox', 'bbox-crs', 'limit', 'cursor', 'f', 'owner', 'ownership', 'condition', 'status', 'district', 'tangle', 'org', 'removal_candidate']);

type Query = Record<string, string | undefined>;
const base = (req: FastifyRequest) => `${req.protocol}://${req.host}`;
const wantsHtml = (req: FastifyRequest) => {
  const f = (req.query as Query).f;
  if (f !== undefined && f !== 'json' && f !== 'html') throw badRequest('invalid_format', 'f must be json or html.');
  return f === 'html' || (f === undefined && /text\/html/.test(req.headers.accept ?? '') && !/json/.test(req.headers.accept ?? ''));
};
const qs = (q: Query) => new URLSearchParams(Object.entries(q).filter((e): e is [string, string] => e[1] !== undefined)).toString();

function send(reply: FastifyReply, req: FastifyRequest, json: unknown, html: () => string, type = JSON_T) {
  if (wantsHtml(req)) return reply.type('text/html; charset=utf-8').send(html());
  return reply.type(type).send(json);
}

/**
 * OGC API – Features, Part 1 (Core, GeoJSON, HTML, OpenAPI 3.0): what QGIS and GDAL's OAPIF
 * driver read. Next links keep every parameter the client sent, only the cursor moves.
 */
export function ogcRoutes(app: FastifyInstance, svc: OgcService): void {
  const cfg = { config: { policy: PUBLIC } };

  app.get('/ogc', { ...cfg, schema: { ...TAG, summary: 'OGC API – Features landing page' } }, async (req, reply) => {
    const b = base(req);
    const links = [
      { href: `${b}/ogc`, rel: 'self', type: JSON_T, title: 'This document' },
      { href: `${b}/ogc?f=html`, rel: 'alternate', type: 'text/html', title: 'This document as HTML' },
      { href: `${b}/ogc/api`, rel: 'service-desc', type: 'application/vnd.oai.openapi+json;version=3.0', title: 'The API definition' },
      { href: `${b}/docs`, rel: 'service-doc', type: 'text/html', title: 'The API documentation' },
      { href: `${b}/ogc/conformance`, rel: 'conformance', type: JSON_T, title: 'Conformance classes' },
      { href: `${b}/ogc/collections`, rel: 'data', type: JSON_T, title: 'Collections' },
    ];
    const body = { title: 'polewatch — 聊城通信线杆治理', description: 'Telecom poles and overhead cables of the city, as OGC API – Features.', links };
    return send(reply, req, body, () => page(body.title, `<p>${body.description}</p>${linkList(links)}`));
  });

  app.get('/ogc/conformance', { ...cfg, schema: { ...TAG, summary: 'Conformance classes' } }, async (req, reply) =>
    send(reply, req, { conformsTo: CONFORMANCE }, () => page('Conformance', `<ul>${CONFORMANCE.map((c) => `<li>${c}</li>`).join('')}</ul>`)));

  app.get('/ogc/api', { ...cfg, schema: { ...TAG, summary: 'The OpenAPI 3.0 definition' } }, async (_req, reply) =>
    // Set verbatim: GDAL matches this media type exactly and rejects added parameters.
    reply.header('content-type', 'application/vnd.oai.openapi+json;version=3.0').send(Buffer.from(JSON.stringify(app.swagger()))));

  const describe = async (req: FastifyRequest, id: string) => {
    const c = svc.collection(id);
    const b = `${base(req)}/ogc/collections/${c.id}`;
    return {
      id: c.id, title: c.title, description: c.description, itemType: 'feature', crs: [CRS84],
      extent: { spatial: { bbox: [await svc.bbox()], crs: CRS84 } },
      links: [
        { href: b, rel: 'self', type: JSON_T, title: c.title },
        { href: `${b}/items`, rel: 'items', type: GEOJSON, title: `${c.title} (GeoJSON)` },
        { href: `${b}/items?f=html`, rel: 'items', type: 'text/html', title: `${c.title} (HTML)` },
      ],
    };
  };

  app.get('/ogc/collections', { ...cfg, schema: { ...TAG, summary: 'The feature collections' } }, async (req, reply) => {
    const collections = await Promise.all(svc.collections.map((c) => describe(req, c.id)));
    const body = { links: [{ href: `${base(req)}/ogc/collections`, rel: 'self', type: JSON_T }], collections };
    return send(reply, req, body, () => page('Collections', collections.map((c) => `<h2>${c.title}</h2><p>${c.description}</p>${linkList(c.links)}`).join('')));
  });

  app.get('/ogc/collections/:collectionId', { ...cfg, schema: { ...TAG, summary: 'One collection' } }, async (req, reply) => {
    const c = await describe(req, (req.params as { collectionId: string }).collectionId);
    return send(reply, req, c, () => page(c.title, `<p>${c.description}</p>${linkList(c.links)}`));
  });

  app.get('/ogc/collections/:collectionId/items', { ...cfg, schema: { ...TAG, summary: 'Features, by bbox and filters, paged with next links' } }, async (req, reply) => {
    const id = (req.params as { collectionId: string }).collectionId;
    const c = svc.collection(id);
    const q = req.query as Query;
    for (const k of Object.keys(q)) if (!ITEM_PARAMS.has(k)) throw badRequest('unknown_parameter', `Unknown parameter "${k}".`);
    if (q['bbox-crs'] !== undefined && q['bbox-crs'] !== CRS84) throw badRequest('invalid_bbox_crs', `Only ${CRS84} is supported for bbox-crs.`);
    const { f: _f, 'bbox-crs': _c, ...filters } = q;
    const items = await c.items(filters);
    const self = `${base(req)}/ogc/collections/${id}/items`;
    const links = [
      { href: `${self}?${qs({ ...q, f: 'json' })}`, rel: 'self', type: GEOJSON },
      { href: `${self}?${qs({ ...q, f: 'html' })}`, rel: 'alternate', type: 'text/html' },
      ...(items.next ? [{ href: `${self}?${qs({ ...q, cursor: items.next })}`, rel: 'next', type: GEOJSON }] : []),
    ];
    if (wantsHtml(req)) {
      const features = JSON.parse(items.features) as { properties: Record<string, unknown> }[];
      return reply.type('text/html; charset=utf-8').send(page(`${c.title}`, `<p>${items.count} features</p>${linkList(links)}${featureTable(features)}`));
    }
    const head = JSON.stringify({ type: 'FeatureCollection', numberReturned: items.count, timeStamp: new Date().toISOString(), links });
    // The features are spliced in as text from SQL rather than parsed and printed again.
    return reply.type(GEOJSON).send(`${head.slice(0, -1)},"features":${items.features}}`);
  });

  app.get('/ogc/collections/:collectionId/items/:featureId', { ...cfg, schema: { ...TAG, summary: 'One feature' } }, async (req, reply) => {
    const { collectionId, featureId } = req.params as { collectionId: string; featureId: string };
    const c = svc.collection(collectionId);
    if (!/^[1-9]\d{0,8}$/.test(featureId)) throw badRequest('invalid_id', 'A feature id is a positive whole number.');
    const f = await c.item(Number(featureId));
    if (wantsHtml(req)) {
      const feature = JSON.parse(f) as { properties: Record<string, unknown> };
      return reply.type('text/html; charset=utf-8').send(page(`${c.title} #${featureId}`, featureTable([feature])));
    }
    const self = `${base(req)}/ogc/collections/${collectionId}/items/${featureId}`;
    const links = [{ href: self, rel: 'self', type: GEOJSON }, { href: `${base(req)}/ogc/collections/${collectionId}`, rel: 'collection', type: JSON_T }];
    return reply.type(GEOJSON).send(`${f.slice(0, -1)},"links":${JSON.stringify(links)}}`);
  });
}
