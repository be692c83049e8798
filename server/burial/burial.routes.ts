import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { roles } from '../http/policy.ts';
import { contextOf } from '../http/request.context.ts';
import type { BurialService } from './burial.service.ts';
import { CreateBody, IdParams, ImpactBody, ListQuery, PatchBody, TransitionBody } from './burial.schemas.ts';

const TAG = { tags: ['burial'] };
const GEOJSON = 'application/geo+json; charset=utf-8';

export function burialRoutes(app: FastifyInstance, svc: BurialService): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const signedIn = { policy: roles('admin', 'officer', 'planner', 'carrier', 'viewer') };
  const planners = { policy: roles('planner', 'admin') };

  r.post('/api/burial-projects/impact', {
    config: { policy: roles('planner', 'admin', 'officer') },
    schema: { ...TAG, summary: 'What burying along a drawn route would do: spans, km, firms, freed poles, dig-once warnings (nothing stored)', body: ImpactBody },
  }, async (req) => svc.impact(req.body));

  r.get('/api/burial-projects', {
    config: signedIn,
    schema: { ...TAG, summary: 'Burial projects as GeoJSON, by status, district and bbox, paged', querystring: ListQuery },
  }, async (req, reply) => {
    const page = await svc.list(req.query);
    return reply.type(GEOJSON).send(`{"type":"FeatureCollection","numberReturned":${page.count},"limit":${page.limit},"next":${JSON.stringify(page.next)},"features":${page.features}}`);
  });

  r.post('/api/burial-projects', {
    config: planners,
    schema: { ...TAG, summary: 'Propose a burial project along a route', body: CreateBody },
  }, async (req, reply) => reply.status(201).send(await svc.create(req.body, contextOf(req))));

  r.get('/api/burial-projects/:id', {
    config: signedIn,
    schema: { ...TAG, summary: 'One project with its impact (live until completed, then as applied) and its events', params: IdParams },
  }, async (req) => svc.get(Number(req.params.id)));

  r.patch('/api/burial-projects/:id', {
    config: planners,
    schema: { ...TAG, summary: 'Change a proposal (name, route, firms, dates, corridor); needs the version read', params: IdParams, body: PatchBody },
  }, async (req) => svc.patch(Number(req.params.id), req.body, contextOf(req)));

  r.post('/api/burial-projects/:id/transitions', {
    config: planners,
    schema: { ...TAG, summary: 'approve, start, complete (buries the spans, flags freed poles) or cancel', params: IdParams, body: TransitionBody },
  }, async (req) => svc.transition(Number(req.params.id), req.body, contextOf(req)));
}
