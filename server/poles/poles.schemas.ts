import { Type } from 'typebox';
import { CONDITIONS, INPUT_CRS, LOCATION_KINDS, MATERIALS } from './poles.enums.ts';

const Enum = <T extends readonly string[]>(values: T) => Type.Union(values.map((v) => Type.Literal(v)));

/** Query parameters stay strings: the service parses them and answers 400 in words. */
const Str = (maxLength = 200) => Type.String({ maxLength });

export const PoleFilterQuery = {
  bbox: Type.Optional(Str(120)),
  owner: Type.Optional(Str()),
  ownership: Type.Optional(Str()),
  condition: Type.Optional(Str()),
  status: Type.Optional(Str()),
  district: Type.Optional(Str()),
  tangle: Type.Optional(Str(5)),
  removal_candidate: Type.Optional(Str(5)),
};

export const ListQuery = Type.Object({ ...PoleFilterQuery, limit: Type.Optional(Str(12)), cursor: Type.Optional(Str(64)) }, { additionalProperties: false });
export const SummaryQuery = Type.Object({ ...PoleFilterQuery, zoom: Str(3) }, { additionalProperties: false });
export const IdParams = Type.Object({ id: Type.String({ pattern: '^[1-9][0-9]{0,8}$' }) });

export const PointGeometry = Type.Object(
  {
    type: Type.Literal('Point'),
    // [lng, lat] or [lng, lat, z]; the z is dropped. Strings, null and NaN fail here (422).
    coordinates: Type.Array(Type.Number(), { minItems: 2, maxItems: 3 }),
  },
  { additionalProperties: false },
);

const PoleFields = {
  crs: Type.Optional(Enum(INPUT_CRS)),
  material: Type.Optional(Enum(MATERIALS)),
  height_m: Type.Optional(Type.Union([Type.Number({ exclusiveMinimum: 0, maximum: 30 }), Type.Null()])),
  install_year: Type.Optional(Type.Union([Type.Integer({ minimum: 1950, maximum: 2100 }), Type.Null()])),
  condition: Type.Optional(Enum(CONDITIONS)),
  // Removal has its own workflow; a plain edit cannot pull a pole.
  status: Type.Optional(Enum(['in_service', 'abandoned'] as const)),
  cable_tangle: Type.Optional(Type.Boolean()),
  road_id: Type.Optional(Type.Union([Type.Integer({ minimum: 1 }), Type.Null()])),
  location_kind: Type.Optional(Enum(LOCATION_KINDS)),
  note: Type.Optional(Type.Union([Type.String({ maxLength: 2000 }), Type.Null()])),
};

export const CreatePoleBody = Type.Object(
  {
    code: Type.Optional(Type.String({ pattern: '^[A-Z0-9][A-Z0-9-]{2,31}$' })),
    geometry: PointGeometry,
    owner: Type.Optional(Type.Union([Type.String({ pattern: '^[a-z][a-z0-9_]{1,31}$' }), Type.Null()])),
    ...PoleFields,
  },
  { additionalProperties: false },
);

export const PatchPoleBody = Type.Object({
  geometry: Type.Optional(PointGeometry),
  // Officers only (checked in the service): a direct ownership decision.
  owner: Type.Optional(Type.Union([Type.String({ pattern: '^[a-z][a-z0-9_]{1,31}$' }), Type.Null()])),
  // Officers only: lifts the removal-candidate flag a completed burial set (the pole must stay,
  // e.g. it also carries street lighting). Only a burial sets it, so false is the one value.
  removal_candidate: Type.Optional(Type.Literal(false)),
  ...PoleFields,
}, { additionalProperties: false, minProperties: 1 });

