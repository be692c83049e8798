import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { PUBLIC, roles } from '../http/policy.ts';
import type { DashboardService, DashboardTable } from './dashboard.service.ts';

const TAG = { tags: ['campaign'] };
const Year = Type.Object({ year: Type.Optional(Type.String({ maxLength: 4 })) }, { additionalProperties: false });

export function dashboardRoutes(app: FastifyInstance, svc: DashboardService): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const signedIn = { policy: roles('admin', 'officer', 'planner', 'carrier', 'viewer') };
  r.get('/api/dashboard', { config: signedIn, schema: { ...TAG, summary: 'Campaign figures: totals vs baseline and targets, monthly series, breakdowns, firm ranking', querystring: Year } },
    async (req) => svc.figures(req.query.year));
  r.get('/api/dashboard/export.csv', {
    config: signedIn,
    schema: { ...TAG, summary: 'A dashboard table as CSV for Excel (UTF-8 with BOM, formula-safe)', querystring: Type.Object({ table: Type.Union([Type.Literal('districts'), Type.Literal('firms'), Type.Literal('location_kinds')]), year: Type.Optional(Type.String({ maxLength: 4 })) }, { additionalProperties: false }) },
  }, async (req, reply) => {
    const csv = await svc.csv(req.query.table as DashboardTable, req.query.year);
    return reply.type('text/csv; charset=utf-8').header('Content-Disposition', `attachment; filename="${csv.filename}"`).send(csv.body);
  });
  r.get('/api/public/progress', { config: { policy: PUBLIC }, schema: { ...TAG, summary: 'Public campaign progress: aggregated figures only' } }, async () => svc.publicProgress());
  r.get('/api/public/removed-poles', {
    config: { policy: PUBLIC },
    schema: { ...TAG, summary: 'Removed poles for the public map (place, day, district)', querystring: Type.Object({ bbox: Type.Optional(Type.String({ maxLength: 120 })), limit: Type.Optional(Type.String({ maxLength: 6 })) }, { additionalProperties: false }) },
  }, async (req, reply) => reply.type('application/geo+json; charset=utf-8').send(`{"type":"FeatureCollection","features":${await svc.removedPoints(req.query)}}`));
}
