import { badRequest } from '../http/errors.ts';
import { parseBbox } from '../http/bbox.ts';
import { listParam } from '../http/list.param.ts';
import type { Bbox } from '../config/config.ts';
import { CONDITIONS, DEFAULT_VISIBLE_STATUSES, OWNERSHIP_STATUSES, POLE_STATUSES } from './poles.enums.ts';

/** Query-string filters shared by the pole list, the summary and (later) exports. */
export interface PoleFilterQuery {
  bbox?: string;
  owner?: string;
  ownership?: string;
  condition?: string;
  status?: string;
  district?: string;
  tangle?: string;
  removal_candidate?: string;
}

export interface PoleFilter {
  bbox: Bbox | null;
  /** Organisation codes; `includeOrphans` stands for the special value `none`. */
  ownerCodes: string[] | null;
  includeOrphans: boolean;
  ownership: string[] | null;
  condition: string[] | null;
  status: string[];
  district: string[] | null;
  tangle: boolean | null;
  removalCandidate: boolean | null;
}

const CODE = /^[a-z][a-z0-9_]{1,31}$/;
const DISTRICT = /^[A-Z]{2,4}$/;

const list = listParam;

function flag(name: string, raw: string | undefined): boolean | null {
  if (raw === undefined || raw === '') return null;
  if (raw !== 'true' && raw !== 'false') throw badRequest('invalid_filter', `${name} must be true or false.`);
  return raw === 'true';
}

export function parsePoleFilter(q: PoleFilterQuery): PoleFilter {
  const owners = list('owner', q.owner, /^(none|[a-z][a-z0-9_]{1,31})$/);
  const tangle = flag('tangle', q.tangle);
  const removalCandidate = flag('removal_candidate', q.removal_candidate);
  return {
    bbox: q.bbox === undefined ? null : parseBbox(q.bbox),
    ownerCodes: owners ? owners.filter((o) => CODE.test(o) && o !== 'none') : null,
    includeOrphans: owners?.includes('none') ?? false,
    ownership: list('ownership', q.ownership, OWNERSHIP_STATUSES),
    condition: list('condition', q.condition, CONDITIONS),
    status: list('status', q.status, POLE_STATUSES) ?? DEFAULT_VISIBLE_STATUSES,
    district: list('district', q.district, DISTRICT),
    tangle,
    removalCandidate,
  };
}

/**
 * The WHERE clause for a filter, with its values bound from `$first` on. The text is built
 * only from fixed fragments; every value travels as a parameter.
 */
export function filterSql(f: PoleFilter, first: number, alias = 'p'): { where: string; params: unknown[] } {
  const parts: string[] = [];
  const params: unknown[] = [];
  const bind = (v: unknown) => {
    params.push(v);
    return `$${first + params.length - 1}`;
  };
  if (f.bbox) parts.push(`${alias}.geom && ST_MakeEnvelope(${bind(f.bbox[0])}, ${bind(f.bbox[1])}, ${bind(f.bbox[2])}, ${bind(f.bbox[3])}, 4326)`);
  if (f.ownerCodes !== null || f.includeOrphans) {
    const ors: string[] = [];
    if (f.ownerCodes && f.ownerCodes.length) ors.push(`${alias}.owner_org_id IN (SELECT id FROM organisations WHERE code = ANY(${bind(f.ownerCodes)}::text[]))`);
    if (f.includeOrphans) ors.push(`${alias}.owner_org_id IS NULL`);
    parts.push(`(${ors.join(' OR ')})`);
  }
  if (f.ownership) parts.push(`${alias}.ownership_status = ANY(${bind(f.ownership)}::text[])`);
  if (f.condition) parts.push(`${alias}.condition = ANY(${bind(f.condition)}::text[])`);
  parts.push(`${alias}.status = ANY(${bind(f.status)}::text[])`);
  if (f.district) parts.push(`${alias}.district_id IN (SELECT id FROM districts WHERE code = ANY(${bind(f.district)}::text[]))`);
  if (f.tangle !== null) parts.push(`${alias}.cable_tangle = ${bind(f.tangle)}`);
  if (f.removalCandidate !== null) parts.push(`${alias}.removal_candidate = ${bind(f.removalCandidate)}`);
  return { where: parts.join(' AND '), params };
}
