import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { roles } from '../http/policy.ts';
import { contextOf } from '../http/request.context.ts';
import { uploadedImport } from './imports.http.ts';
import type { ImportService } from './imports.service.ts';

const TAG = { tags: ['imports'] };
const Params = Type.Object({ id: Type.String({ pattern: '^[1-9][0-9]{0,8}$' }) });
const CommitBody = Type.Object({ skip_errors: Type.Optional(Type.Boolean()) }, { additionalProperties: false });
const RowsQuery = Type.Object({
  outcome: Type.Optional(Type.Union(['new', 'update', 'unchanged', 'error'].map((o) => Type.Literal(o)))),
  offset: Type.Optional(Type.String({ maxLength: 8 })),
  limit: Type.Optional(Type.String({ maxLength: 5 })),
}, { additionalProperties: false });

export function importsRoutes(app: FastifyInstance, svc: ImportService): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const city = { policy: roles('officer', 'admin') };

  r.post('/api/imports/preview', {
    config: city,
    schema: {
      ...TAG,
      summary: 'Dry run of a survey import (multipart "file": CSV, GeoJSON, KML or zipped Shapefile; fields format, encoding, crs, lng_column, lat_column). Writes no pole.',
    },
  }, async (req, reply) => reply.status(201).send(await svc.preview(await uploadedImport(req, svc.maxBytes), contextOf(req))));

  r.get('/api/imports/:id', {
    config: city,
    schema: { ...TAG, summary: 'A stored dry run with a page of its rows (filter by outcome)', params: Params, querystring: RowsQuery },
  }, async (req) => svc.get(Number(req.params.id), req.query));

  r.post('/api/imports/:id/commit', {
    config: city,
    schema: { ...TAG, summary: 'Apply a dry run, all or nothing; refused while rows have errors unless skip_errors', params: Params, body: Type.Optional(CommitBody) },
  }, async (req) => svc.commit(Number(req.params.id), req.body?.skip_errors === true, contextOf(req)));
}
