import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { roles } from '../http/policy.ts';
import { contextOf } from '../http/request.context.ts';
import type { CaseService } from './cases.service.ts';
import type { CaseWorkflow } from './cases.workflow.ts';
import type { CaseDocumentService, IssueInput } from './cases.documents.service.ts';
import type { CaseSettingsService } from './cases.settings.ts';
import type { StepInput } from './cases.transitions.ts';
import {
  CreateBody, DocParams, DocumentBody, ListQuery, MapQuery, OfficersBody, Params, ResponsibleBody, SettingsBody, TransitionBody, YearQuery,
} from './cases.schemas.ts';

const TAG = { tags: ['cases'] };

export interface CaseRouteServices {
  cases: CaseService;
  workflow: CaseWorkflow;
  documents: CaseDocumentService;
  settings: CaseSettingsService;
}

export function casesRoutes(app: FastifyInstance, s: CaseRouteServices): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  // Carriers are let through to reads and steps; which cases they see is decided per case (cases.visibility).
  const readers = { policy: roles('admin', 'officer', 'viewer', 'carrier') };
  const city = { policy: roles('officer', 'admin') };
  const signedIn = { policy: roles('admin', 'officer', 'planner', 'carrier', 'viewer') };

  // Fixed paths first: /api/cases/stats must not be read as a case id.
  r.get('/api/cases/stats', { config: { policy: roles('officer', 'admin', 'viewer', 'planner') }, schema: { ...TAG, summary: 'Case figures for the dashboard: by state, by firm, overdue, opened and closed in a year', querystring: YearQuery } },
    async (req) => s.cases.stats(req.query.year));
  r.get('/api/cases/settings', { config: signedIn, schema: { ...TAG, summary: 'Statement, hearing-request and payment periods; the hearing threshold' } },
    async () => s.settings.get());
  r.patch('/api/cases/settings', { config: { policy: roles('admin') }, schema: { ...TAG, summary: 'Change the periods or the hearing threshold (applies to documents issued from now on)', body: SettingsBody } },
    async (req) => s.settings.patch(req.body, contextOf(req)));
  r.get('/api/cases/officers', { config: city, schema: { ...TAG, summary: 'The enabled enforcement officers, to put on a case' } },
    async () => s.cases.officerDirectory());
  r.get('/api/cases/map', { config: readers, schema: { ...TAG, summary: 'Open cases in a bbox as GeoJSON points', querystring: MapQuery } },
    async (req, reply) => reply.type('application/geo+json; charset=utf-8').send(`{"type":"FeatureCollection","features":${await s.cases.map(req.principal, req.query.bbox)}}`));

  r.get('/api/cases', { config: readers, schema: { ...TAG, summary: 'Cases, newest first, filtered and keyset-paged', querystring: ListQuery } },
    async (req) => s.cases.list(req.principal, req.query));
  r.post('/api/cases', { config: city, schema: { ...TAG, summary: 'Record a case about 1–50 poles (state found)', body: CreateBody } },
    async (req, reply) => reply.status(201).send(await s.cases.create(req.body, contextOf(req))));
  r.get('/api/cases/:id', { config: readers, schema: { ...TAG, summary: 'One case with poles, officers, events, documents and the steps you may take now', params: Params } },
    async (req) => s.cases.get(Number(req.params.id), req.principal));
  r.post('/api/cases/:id/transitions', {
    config: { policy: roles('officer', 'admin', 'carrier') },
    schema: { ...TAG, summary: 'Take one step of the procedure (409 on a stale version or a step not allowed now, 422 on a broken rule)', params: Params, body: TransitionBody },
  }, async (req) => s.workflow.transition(Number(req.params.id), req.body as StepInput, contextOf(req)));
  r.post('/api/cases/:id/documents', { config: city, schema: { ...TAG, summary: 'Issue an order, a notice of intended penalty or a decision (rendered, numbered, hashed)', params: Params, body: DocumentBody } },
    async (req, reply) => reply.status(201).send(await s.documents.issue(Number(req.params.id), req.body as IssueInput, contextOf(req))));
  r.get('/api/cases/:id/documents/:docId', { config: readers, schema: { ...TAG, summary: 'A document exactly as issued (print-ready HTML; its SHA-256 is the recorded one)', params: DocParams } },
    async (req, reply) => {
      const d = await s.documents.read(Number(req.params.id), Number(req.params.docId), req.principal);
      // Stored HTML is shown as a page of its own: no scripts, no outside requests, whatever it holds.
      return reply.type('text/html; charset=utf-8').header('ETag', `"${d.sha256}"`).header('X-Content-SHA256', d.sha256)
        .header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; img-src data:").header('X-Content-Type-Options', 'nosniff')
        .header('Cache-Control', 'private, no-transform').send(d.bytes);
    });
  r.put('/api/cases/:id/officers', { config: city, schema: { ...TAG, summary: 'Set the officers on a case (officers only; investigation needs two)', params: Params, body: OfficersBody } },
    async (req) => s.cases.setOfficers(Number(req.params.id), req.body.user_ids, contextOf(req)));
  r.post('/api/cases/:id/responsible', { config: city, schema: { ...TAG, summary: 'Change the responsible organisation, with a reason (before the order is served)', params: Params, body: ResponsibleBody } },
    async (req) => s.cases.setResponsible(Number(req.params.id), req.body.org, req.body.reason, contextOf(req)));
}
