import { Type } from 'typebox';
import { CASE_STATES, CATEGORIES } from './cases.repo.ts';
import { ACTIONS } from './cases.transitions.ts';
import { FINE_MAX, FINE_MIN } from './cases.documents.ts';

/** Free text as people type it, but never a NUL (PostgreSQL text cannot hold one). */
const Text = (min: number, max: number) => Type.String({ minLength: min, maxLength: max, pattern: '^[^\\u0000]*$' });
const literals = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));
const Day = Type.String({ maxLength: 10 });
const Fine = Type.Integer({ minimum: FINE_MIN, maximum: FINE_MAX });
const OrgCode = Type.String({ pattern: '^[a-z][a-z0-9_]{1,31}$' });

export const Id = Type.String({ pattern: '^[1-9][0-9]{0,8}$' });
export const Params = Type.Object({ id: Id });
export const DocParams = Type.Object({ id: Id, docId: Id });

export const ListQuery = Type.Object({
  state: Type.Optional(literals(CASE_STATES)),
  district: Type.Optional(Type.String({ pattern: '^[A-Z]{2,4}$' })),
  org: Type.Optional(OrgCode),
  overdue: Type.Optional(literals(['true', 'false'])),
  due_within_days: Type.Optional(Type.String({ maxLength: 3 })),
  q: Type.Optional(Type.String({ maxLength: 100 })),
  limit: Type.Optional(Type.String({ maxLength: 4 })),
  cursor: Type.Optional(Type.String({ maxLength: 12 })),
}, { additionalProperties: false });

export const MapQuery = Type.Object({ bbox: Type.Optional(Type.String({ maxLength: 120 })) }, { additionalProperties: false });
export const YearQuery = Type.Object({ year: Type.Optional(Type.String({ maxLength: 4 })) }, { additionalProperties: false });

export const CreateBody = Type.Object({
  category: literals(CATEGORIES),
  pole_ids: Type.Array(Type.Integer({ minimum: 1, maximum: 2147483647 }), { minItems: 1, maxItems: 50, uniqueItems: true }),
  description: Text(1, 4000),
  responsible_org: Type.Optional(OrgCode),
  officer_ids: Type.Optional(Type.Array(Type.Integer({ minimum: 1, maximum: 2147483647 }), { maxItems: 20 })),
}, { additionalProperties: false });

export const TransitionBody = Type.Object({
  action: literals(ACTIONS),
  version: Type.Integer({ minimum: 1 }),
  reason: Type.Optional(Text(1, 2000)),
  document_id: Type.Optional(Type.Integer({ minimum: 1, maximum: 2147483647 })),
  service: Type.Optional(Type.Object({
    method: literals(['in_person', 'left_with_witnesses', 'post', 'electronic'] as const),
    served_on: Day,
    served_to: Type.Optional(Text(1, 200)),
    note: Type.Optional(Text(1, 2000)),
  }, { additionalProperties: false })),
  paid_on: Type.Optional(Day),
  receipt_no: Type.Optional(Text(1, 60)),
}, { additionalProperties: false });

export const DocumentBody = Type.Union([
  Type.Object({
    kind: Type.Literal('order'),
    correction_deadline: Type.Optional(Day),
    correction_working_days: Type.Optional(Type.Integer({ minimum: 1, maximum: 60 })),
    correction_required: Text(1, 2000),
  }, { additionalProperties: false }),
  Type.Object({ kind: Type.Literal('penalty_notice'), proposed_fine: Fine }, { additionalProperties: false }),
  Type.Object({ kind: Type.Literal('decision'), fine_yuan: Fine }, { additionalProperties: false }),
]);

export const OfficersBody = Type.Object({ user_ids: Type.Array(Type.Integer({ minimum: 1, maximum: 2147483647 }), { maxItems: 20 }) }, { additionalProperties: false });
export const ResponsibleBody = Type.Object({ org: OrgCode, reason: Text(2, 2000) }, { additionalProperties: false });

export const SettingsBody = Type.Object({
  statement_days: Type.Optional(Type.Integer({ minimum: 1, maximum: 30 })),
  hearing_request_days: Type.Optional(Type.Integer({ minimum: 1, maximum: 30 })),
  payment_days: Type.Optional(Type.Integer({ minimum: 1, maximum: 90 })),
  hearing_threshold: Type.Optional(Type.Integer({ minimum: FINE_MIN, maximum: FINE_MAX })),
}, { additionalProperties: false });
