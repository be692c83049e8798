import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { PUBLIC } from '../http/policy.ts';
import { PoleFilterQuery } from '../poles/poles.schemas.ts';
import { EXPORT_FORMATS, type ExportService } from './exports.service.ts';

const TAG = { tags: ['exports'] };
const Query = Type.Object(PoleFilterQuery, { additionalProperties: false });

export function exportsRoutes(app: FastifyInstance, svc: ExportService): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  // The registry is public, as on the map; the cap keeps any one download bounded.
  for (const format of EXPORT_FORMATS) {
    r.get(`/api/exports/poles.${format}`, {
      config: { policy: PUBLIC },
      schema: { ...TAG, summary: `The map selection as ${format.toUpperCase()} (filters as /api/poles; capped, see X-Export-Truncated)`, querystring: Query },
    }, async (req, reply) => {
      const file = await svc.poles(format, req.query);
      return reply
        .type(file.contentType)
        .header('Content-Disposition', `attachment; filename="${file.filename}"`)
        .header('X-Export-Count', String(file.count))
        .header('X-Export-Limit', String(file.limit))
        .header('X-Export-Truncated', String(file.truncated))
        .send(file.body);
    });
  }
}
