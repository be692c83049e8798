import type { GeometryInput } from '../geo/geometry.input.ts';
import { DomainError } from '../http/errors.ts';
import { parsePeriod } from '../http/dates.ts';

export const ROAD_WORKS_STATUSES = ['planned', 'in_progress', 'completed', 'cancelled'] as const;

/** One feature of an import as it will be stored, once its geometry has passed too. */
export interface ImportCandidate {
  index: number;
  name: string;
  geometry: GeometryInput;
  planned_start: string;
  planned_end: string;
  status: string;
  district: string | null;
}

export interface ImportProblem {
  index: number;
  code: string;
  message: string;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Reads one GeoJSON Feature's attributes: name, planned_start, planned_end, and optionally
 * status and district. Other properties (survey ids, colours) are ignored; they carry no rights.
 */
function readFeature(f: unknown, index: number): ImportCandidate {
  const fail = (code: string, message: string) => new DomainError(code, 422, message);
  if (!isObject(f) || f.type !== 'Feature') throw fail('not_a_feature', 'Each element of features must be a GeoJSON Feature.');
  const g = f.geometry;
  if (!isObject(g) || typeof g.type !== 'string') throw fail('invalid_geometry', 'The feature has no geometry.');
  const p = isObject(f.properties) ? f.properties : {};
  const name = typeof p.name === 'string' ? p.name.trim() : '';
  if (name === '' || name.length > 200) throw fail('invalid_name', 'properties.name must be a text of 1 to 200 characters.');
  if (typeof p.planned_start !== 'string' || typeof p.planned_end !== 'string') {
    throw fail('invalid_date', 'properties.planned_start and planned_end are required, written YYYY-MM-DD.');
  }
  const period = parsePeriod('planned_start', p.planned_start, 'planned_end', p.planned_end);
  const status = p.status ?? 'planned';
  if (typeof status !== 'string' || !(ROAD_WORKS_STATUSES as readonly string[]).includes(status)) {
    throw fail('invalid_status', `properties.status must be one of ${ROAD_WORKS_STATUSES.join(', ')}.`);
  }
  const district = p.district ?? null;
  if (district !== null && (typeof district !== 'string' || !/^[A-Z]{2,4}$/.test(district))) throw fail('unknown_district', 'properties.district must be a district code such as DCF.');
  return { index, name, geometry: { type: g.type, coordinates: g.coordinates }, planned_start: period.start, planned_end: period.end, status, district };
}

/** Every feature read, each failure kept with its index so a person can fix the file in one go. */
export function readFeatures(features: readonly unknown[]): { candidates: ImportCandidate[]; problems: ImportProblem[] } {
  const candidates: ImportCandidate[] = [];
  const problems: ImportProblem[] = [];
  features.forEach((f, index) => {
    try {
      candidates.push(readFeature(f, index));
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      problems.push({ index, code: err.code, message: err.message });
    }
  });
  return { candidates, problems };
}
