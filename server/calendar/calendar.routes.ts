import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { roles } from '../http/policy.ts';
import { contextOf } from '../http/request.context.ts';
import type { CalendarService } from './calendar.service.ts';

const TAG = { tags: ['cases'] };
const Name = Type.String({ minLength: 1, maxLength: 40, pattern: '^[^\\u0000-\\u001f]*$' });
const Day = Type.Object({
  day: Type.String({ maxLength: 10 }),
  kind: Type.Union([Type.Literal('holiday'), Type.Literal('workday')]),
  name_zh: Name,
  name_en: Name,
}, { additionalProperties: false });

export function calendarRoutes(app: FastifyInstance, svc: CalendarService): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const signedIn = { policy: roles('admin', 'officer', 'planner', 'carrier', 'viewer') };
  r.get('/api/calendar', {
    config: signedIn,
    schema: { ...TAG, summary: 'The working-day calendar of a year: holidays and make-up working days', querystring: Type.Object({ year: Type.Optional(Type.String({ maxLength: 4 })) }, { additionalProperties: false }) },
  }, async (req) => svc.year(req.query.year));
  r.put('/api/calendar/:year', {
    config: { policy: roles('admin') },
    schema: {
      ...TAG, summary: 'Enter (replace) a year’s holidays and make-up working days',
      params: Type.Object({ year: Type.String({ pattern: '^[0-9]{4}$' }) }),
      body: Type.Object({ days: Type.Array(Day, { maxItems: 200 }) }, { additionalProperties: false }),
    },
  }, async (req) => svc.replace(req.params.year, req.body.days, contextOf(req)));
  r.get('/api/calendar/add-working-days', {
    config: signedIn,
    schema: {
      ...TAG, summary: 'The last day of a period of N working days from a date (the start day is not counted)',
      querystring: Type.Object({ from: Type.Optional(Type.String({ maxLength: 10 })), days: Type.Optional(Type.String({ maxLength: 3 })) }, { additionalProperties: false }),
    },
  }, async (req) => svc.addWorkingDaysQuery(req.query));
}
