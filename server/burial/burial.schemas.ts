import { Type } from 'typebox';

/**
 * Drawn geometry arrives as `{type, coordinates}`; its structure is checked by the geometry
 * validator, which names the exact position that is wrong (a schema would only say "invalid").
 */
export const DrawnGeometry = Type.Object({ type: Type.String({ maxLength: 20 }), coordinates: Type.Unknown() }, { additionalProperties: false });
export const Day = Type.String({ maxLength: 10 });
export const Id = Type.String({ pattern: '^[1-9][0-9]{0,8}$' });
export const IdParams = Type.Object({ id: Id });
export const Name = Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' });
const Corridor = Type.Number({ minimum: 1, maximum: 100 });
const Firms = Type.Array(Type.String({ pattern: '^[a-z][a-z0-9_]{1,31}$' }), { maxItems: 20 });
const District = Type.String({ pattern: '^[A-Z]{2,4}$' });
const Version = Type.Integer({ minimum: 1 });
const S = (n: number) => Type.Optional(Type.String({ maxLength: n }));

export const ImpactBody = Type.Object({
  route: DrawnGeometry,
  corridor_m: Type.Optional(Corridor),
  exclude_project_id: Type.Optional(Type.Integer({ minimum: 1 })),
  // The dig-once window is reckoned from these; without them, from today.
  planned_start: Type.Optional(Day),
  planned_end: Type.Optional(Day),
}, { additionalProperties: false });

export const CreateBody = Type.Object({
  name: Name,
  district: Type.Optional(District),
  route: DrawnGeometry,
  firms: Firms,
  planned_start: Day,
  planned_end: Day,
  corridor_m: Type.Optional(Corridor),
}, { additionalProperties: false });

export const PatchBody = Type.Object({
  version: Version,
  name: Type.Optional(Name),
  district: Type.Optional(District),
  route: Type.Optional(DrawnGeometry),
  firms: Type.Optional(Firms),
  planned_start: Type.Optional(Day),
  planned_end: Type.Optional(Day),
  corridor_m: Type.Optional(Corridor),
}, { additionalProperties: false, minProperties: 2 });

export const TransitionBody = Type.Object({
  action: Type.Union([Type.Literal('approve'), Type.Literal('start'), Type.Literal('complete'), Type.Literal('cancel')]),
  version: Version,
  on: Type.Optional(Day),
  reason: Type.Optional(Type.String({ maxLength: 2000 })),
}, { additionalProperties: false });

export const ListQuery = Type.Object({ status: S(100), district: S(100), bbox: S(120), limit: S(5), cursor: S(12) }, { additionalProperties: false });
