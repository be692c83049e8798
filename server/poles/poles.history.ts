import type { PoleRow } from './poles.repo.ts';

/**
 * What a pole's history records: the full record when a pole appears, and {field: [before,
 * after]} when it changes. One definition, so API edits and bulk imports write the same shape.
 */
const TRACKED: (keyof PoleRow)[] = ['code', 'lng', 'lat', 'source_crs', 'owner_code', 'ownership_status', 'material', 'height_m', 'install_year', 'condition', 'status', 'cable_tangle', 'road_id', 'location_kind', 'note', 'removed_at'];

export function snapshot(row: PoleRow): Record<string, unknown> {
  return Object.fromEntries(TRACKED.map((k) => [k, row[k]]));
}

/**
 * Also compared when a pole changes, though not part of the record a new pole starts with:
 * the removal-candidate mark only a completed burial sets, and an officer may lift.
 */
const DIFFED: (keyof PoleRow)[] = [...TRACKED, 'removal_candidate', 'removal_candidate_project_id', 'removal_candidate_since'];

/** {field: [before, after]} for the fields that really changed. */
export function diff(a: PoleRow, b: PoleRow): Record<string, [unknown, unknown]> {
  const out: Record<string, [unknown, unknown]> = {};
  for (const k of DIFFED) if (JSON.stringify(a[k]) !== JSON.stringify(b[k])) out[k] = [a[k], b[k]];
  return out;
}

/** The audit log keeps the same change as two halves, the way every edit is audited. */
export function auditHalves(changed: Record<string, [unknown, unknown]>): { before: Record<string, unknown>; after: Record<string, unknown> } {
  return {
    before: Object.fromEntries(Object.entries(changed).map(([k, v]) => [k, v[0]])),
    after: Object.fromEntries(Object.entries(changed).map(([k, v]) => [k, v[1]])),
  };
}
