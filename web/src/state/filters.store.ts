import type { PoleFilters } from '../api/poles.query.ts';
import { ValueStore } from './value.store.ts';

export function defaultFilters(): PoleFilters {
  // Mirrors the server's default so the status checkboxes show what the map shows.
  return { owner: [], ownership: [], condition: [], status: ['in_service', 'abandoned'], district: [], tangle: false };
}

export const filtersStore = new ValueStore<PoleFilters>(defaultFilters());
