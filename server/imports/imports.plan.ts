import type { BulkChange } from '../poles/poles.batch.ts';
import type { NewPole, PoleRow } from '../poles/poles.repo.ts';
import type { RowProblem } from './imports.source.ts';
import type { PoleDraft } from './imports.rows.ts';

/**
 * What a draft would do to the registry: create a pole, change some of its fields, or nothing.
 * Changes are keyed like the pole history ({field: [before, after]}), so the dry run shows what
 * the history will record. The dry run and the commit both call this, the commit on rows it
 * has locked, so a pole edited in between is judged as it is at commit time.
 */
export type Plan = { outcome: 'new' } | { outcome: 'update' | 'unchanged'; changes: Record<string, [unknown, unknown]> } | RowProblem;

/** Positions are stored to 7 decimals; closer than half a unit of that is the same place. */
const SAME_PLACE = 5e-8;
const SIMPLE = ['material', 'height_m', 'install_year', 'condition', 'note'] as const;

/** The ownership an import asks for: a named firm is confirmed; 无主 clears an owner but keeps an ownerless pole's state. */
function ownerTarget(d: PoleDraft, e: PoleRow): { id: number | null; status: string } | null {
  if (!d.owner) return null;
  if (d.owner.id !== null) return { id: d.owner.id, status: 'confirmed' };
  return { id: null, status: e.owner_org_id === null ? e.ownership_status : 'unknown' };
}

export function planRow(d: PoleDraft, e: PoleRow | undefined): Plan {
  if (!e) return { outcome: 'new' };
  if (e.status === 'removed') return { code: 'pole_removed', reason: `Pole ${e.code} has been removed; a removed pole is not changed by an import.` };
  const changes: Record<string, [unknown, unknown]> = {};
  if (Math.abs(e.lng - d.lng) > SAME_PLACE || Math.abs(e.lat - d.lat) > SAME_PLACE) {
    changes.lng = [e.lng, d.lng];
    changes.lat = [e.lat, d.lat];
    if (e.source_crs !== d.source_crs) changes.source_crs = [e.source_crs, d.source_crs];
  }
  const owner = ownerTarget(d, e);
  if (owner) {
    if (owner.id !== e.owner_org_id) changes.owner_code = [e.owner_code, d.owner!.code];
    if (owner.status !== e.ownership_status) changes.ownership_status = [e.ownership_status, owner.status];
  }
  for (const k of SIMPLE) if (d[k] !== undefined && d[k] !== e[k]) changes[k] = [e[k], d[k]];
  return { outcome: Object.keys(changes).length ? 'update' : 'unchanged', changes };
}

/** The set-based update for a planned change: only the fields that differ are written. */
export function toBulkChange(d: PoleDraft, e: PoleRow, changes: Record<string, [unknown, unknown]>): BulkChange {
  const c: BulkChange = { id: e.id, set: [] };
  if ('lng' in changes) {
    c.set.push('geom', 'source_crs');
    Object.assign(c, { lng: d.lng, lat: d.lat, source_crs: d.source_crs });
  }
  const owner = ownerTarget(d, e);
  if (owner && ('owner_code' in changes || 'ownership_status' in changes)) {
    c.set.push('owner_org_id', 'ownership_status');
    Object.assign(c, { owner_org_id: owner.id, ownership_status: owner.status });
  }
  for (const k of SIMPLE) {
    if (k in changes) {
      c.set.push(k);
      Object.assign(c, { [k]: d[k] });
    }
  }
  return c;
}

/** A new pole gets what the file gives and the registry's defaults for the rest, as POST /api/poles does. */
export function toNewPole(d: PoleDraft): NewPole & { code: string } {
  const ownerId = d.owner?.id ?? null;
  return {
    code: d.code,
    lng: d.lng,
    lat: d.lat,
    source_crs: d.source_crs,
    owner_org_id: ownerId,
    ownership_status: ownerId === null ? 'unknown' : 'confirmed',
    material: d.material ?? 'unknown',
    height_m: d.height_m ?? null,
    install_year: d.install_year ?? null,
    condition: d.condition ?? 'good',
    status: 'in_service',
    cable_tangle: false,
    road_id: null,
    location_kind: 'street',
    note: d.note ?? null,
  };
}
