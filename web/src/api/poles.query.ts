import type { Bbox, Condition, OwnershipStatus, PoleStatus } from './api.types.ts';

/** The owner code that means "no known owner" (orphan poles, 无主杆). */
export const OWNER_NONE = 'none';

/** Filters as the API understands them; an empty list means "do not filter on this". */
export interface PoleFilters {
  /** organisation codes, plus OWNER_NONE */
  owner: string[];
  ownership: OwnershipStatus[];
  condition: Condition[];
  /** empty = the server's default (in_service + abandoned) */
  status: PoleStatus[];
  /** district codes */
  district: string[];
  /** true = only poles with tangled cables */
  tangle: boolean;
  /** true = only poles a completed burial left without overhead cable (可拔除杆) */
  removalCandidate?: boolean;
}

// Six decimals is ~0.1 m: plenty, and it keeps URLs (and any HTTP cache keys) stable.
export function formatBbox(bbox: Bbox): string {
  return bbox.map((v) => v.toFixed(6)).join(',');
}

export function filterParams(filters: PoleFilters): URLSearchParams {
  const params = new URLSearchParams();
  const lists: Array<[string, readonly string[]]> = [
    ['owner', filters.owner],
    ['ownership', filters.ownership],
    ['condition', filters.condition],
    ['status', filters.status],
    ['district', filters.district],
  ];
  for (const [name, values] of lists) {
    if (values.length > 0) params.set(name, values.join(','));
  }
  if (filters.tangle) params.set('tangle', 'true');
  if (filters.removalCandidate) params.set('removal_candidate', 'true');
  return params;
}
