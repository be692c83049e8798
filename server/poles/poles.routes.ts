import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { PUBLIC, roles } from '../http/policy.ts';
import { etagOf, type PoleService } from './poles.service.ts';
import { contextOf } from '../http/request.context.ts';
import { toFeature } from './poles.feature.ts';
import type { PoleRow } from './poles.repo.ts';
import { CreatePoleBody, IdParams, ListQuery, PatchPoleBody, SummaryQuery } from './poles.schemas.ts';

const TAG = { tags: ['poles'] };
const GEOJSON = 'application/geo+json; charset=utf-8';


export function polesRoutes(app: FastifyInstance, svc: PoleService): void {
  // The ETag names the version only; permissions vary by caller, hence Vary on the session.
  const sendPole = (req: FastifyRequest, reply: FastifyReply, row: PoleRow, status = 200) => {
    const perms = svc.permissions(req.principal, row);
    return reply.status(status).header('ETag', etagOf(row, perms)).header('Vary', 'Cookie, Authorization').type(GEOJSON).send(toFeature(row, perms));
  };

  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get('/api/poles', {
    config: { policy: PUBLIC },
    schema: { ...TAG, summary: 'Poles in a bbox as GeoJSON, filtered, capped and paged', querystring: ListQuery},
  }, async (req, reply) => {
    const page = await svc.list(req.query);
    // The features arrive from SQL as JSON text; splicing avoids parsing 5,000 features only to print them again.
    const body = `{"type":"FeatureCollection","numberReturned":${page.count},"limit":${page.limit},"next":${JSON.stringify(page.next)},"features":${page.features}}`;
    return reply.type(GEOJSON).send(body);
  });

  r.get('/api/poles/summary', {
    config: { policy: PUBLIC },
    schema: { ...TAG, summary: 'Grid-aggregated pole counts for zoomed-out views', querystring: SummaryQuery },
  }, async (req, reply) => {
    const s = await svc.summary(req.query);
    return reply.type(GEOJSON).send(`{"type":"FeatureCollection","cellSizeDeg":${s.cellDeg},"cells":${s.cells},"features":${s.features}}`);
  });

  r.get('/api/poles/:id', {
    config: { policy: PUBLIC },
    schema: { ...TAG, summary: 'One pole as a GeoJSON Feature, with an ETag for If-Match', params: IdParams },
  }, async (req, reply) => {
    const row = await svc.get(Number(req.params.id));
    const tag = etagOf(row, svc.permissions(req.principal, row));
    if (req.headers['if-none-match'] === tag) return reply.status(304).header('ETag', tag).send();
    return sendPole(req, reply, row);
  });

  r.get('/api/poles/:id/history', {
    config: { policy: PUBLIC },
    schema: { ...TAG, summary: 'The append-only history of a pole, newest first', params: IdParams },
  }, async (req) => ({ items: await svc.history(Number(req.params.id)) }));

  r.post('/api/poles', {
    config: { policy: roles('officer', 'admin', 'carrier') },
    schema: { ...TAG, summary: 'Record a new pole (inside the service area)', body: CreatePoleBody },
  }, async (req, reply) => sendPole(req, reply, await svc.create(req.body, contextOf(req)), 201));

  r.patch('/api/poles/:id', {
    config: { policy: roles('officer', 'admin', 'carrier') },
    schema: { ...TAG, summary: 'Edit a pole; requires If-Match with its current ETag', params: IdParams, body: PatchPoleBody },
  }, async (req, reply) => {
    const ifMatch = req.headers['if-match'];
    return sendPole(req, reply, await svc.patch(Number(req.params.id), Array.isArray(ifMatch) ? ifMatch[0] : ifMatch, req.body, contextOf(req)));
  });
}
