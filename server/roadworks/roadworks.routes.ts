import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { roles } from '../http/policy.ts';
import { contextOf } from '../http/request.context.ts';
import { Day, DrawnGeometry, IdParams, Name } from '../burial/burial.schemas.ts';
import type { RoadWorksService } from './roadworks.service.ts';
import { ROAD_WORKS_STATUSES } from './roadworks.import.ts';

const TAG = { tags: ['burial'] };
const GEOJSON = 'application/geo+json; charset=utf-8';
const S = (n: number) => Type.Optional(Type.String({ maxLength: n }));
const Status = Type.Union(ROAD_WORKS_STATUSES.map((s) => Type.Literal(s)));
const District = Type.String({ pattern: '^[A-Z]{2,4}$' });

const CreateBody = Type.Object({
  name: Name, geometry: DrawnGeometry, planned_start: Day, planned_end: Day, status: Type.Optional(Status), district: Type.Optional(District),
}, { additionalProperties: false });
const PatchBody = Type.Object({
  version: Type.Integer({ minimum: 1 }),
  name: Type.Optional(Name), geometry: Type.Optional(DrawnGeometry), planned_start: Type.Optional(Day), planned_end: Type.Optional(Day),
  status: Type.Optional(Status), district: Type.Optional(District),
}, { additionalProperties: false, minProperties: 2 });
// Features are read one by one in the service, so one bad feature is reported by index, not as a schema error for the file.
const ImportBody = Type.Object({ type: Type.Literal('FeatureCollection'), features: Type.Array(Type.Unknown()) }, { additionalProperties: true });
const ImportQuery = Type.Object({ dry_run: Type.Optional(Type.Union([Type.Literal('true'), Type.Literal('false')])) }, { additionalProperties: false });
const ListQuery = Type.Object({ bbox: S(120), status: S(100), from: S(10), to: S(10), district: S(100), limit: S(5), cursor: S(12) }, { additionalProperties: false });
const RankingQuery = Type.Object({ from: S(10), to: S(10), corridor_m: S(8), limit: S(5) }, { additionalProperties: false });

export function roadWorksRoutes(app: FastifyInstance, svc: RoadWorksService): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const signedIn = { policy: roles('admin', 'officer', 'planner', 'carrier', 'viewer') };
  const planners = { policy: roles('planner', 'admin') };

  r.get('/api/road-works', { config: signedIn, schema: { ...TAG, summary: 'Road works (道路改造) as GeoJSON, by bbox, status, district and dates, paged', querystring: ListQuery } },
    async (req, reply) => {
      const page = await svc.list(req.query);
      return reply.type(GEOJSON).send(`{"type":"FeatureCollection","numberReturned":${page.count},"limit":${page.limit},"next":${JSON.stringify(page.next)},"features":${page.features}}`);
    });
  r.get('/api/road-works/ranking', { config: signedIn, schema: { ...TAG, summary: 'Dig once: open road works ranked by the overhead cable, tangled and orphan poles along them', querystring: RankingQuery } },
    async (req) => svc.ranking(req.query));
  r.post('/api/road-works', { config: planners, schema: { ...TAG, summary: 'Enter road works (line or area, planned dates)', body: CreateBody } },
    async (req, reply) => reply.status(201).type(GEOJSON).send(await svc.create(req.body, contextOf(req))));
  r.patch('/api/road-works/:id', { config: planners, schema: { ...TAG, summary: 'Change road works; needs the version read', params: IdParams, body: PatchBody } },
    async (req, reply) => reply.type(GEOJSON).send(await svc.patch(Number(req.params.id), req.body, contextOf(req))));
  r.post('/api/road-works/import', { config: planners, schema: { ...TAG, summary: 'Import road works from a GeoJSON FeatureCollection, all or nothing (?dry_run=true checks only)', querystring: ImportQuery, body: ImportBody } },
    async (req, reply) => {
      const res = await svc.import(req.body.features, req.query.dry_run === 'true', contextOf(req));
      if (res.errors.length === 0 || res.dry_run) return res;
      // The error shape every client understands, plus the per-feature list the import dialog shows.
      const n = new Set(res.errors.map((e) => e.index)).size;
      return reply.status(422).send({ error: { code: 'import_has_errors', message: `${n} of ${req.body.features.length} features have problems; nothing was imported.`, details: { errors: res.errors } }, ...res });
    });
}
