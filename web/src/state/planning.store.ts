import { ValueStore } from './value.store.ts';

/** Which of the planning map's layers are on. */
export interface PlanningLayers {
  overhead: boolean;
  buried: boolean;
  works: boolean;
  projects: boolean;
  /** poles completed projects flagged for removal */
  candidates: boolean;
}

export const planningLayersStore = new ValueStore<PlanningLayers>({ overhead: true, buried: true, works: true, projects: true, candidates: true });

/**
 * Bumped after a project or road works were saved or moved on: the map layers, the project
 * list and the dig-once ranking each reload what they show.
 */
export const planningRevision = new ValueStore<number>(0);

export function notePlanningChange(): void {
  planningRevision.set(planningRevision.get() + 1);
}

/** What the cable layer draws for the view (null below the zoom at which cables show): for the status line. */
export interface SpanView {
  overhead: number;
  buried: number;
  /** the server capped the answer: more cable in view than drawn */
  capped: boolean;
}

export const spanViewStore = new ValueStore<SpanView | null>(null);
