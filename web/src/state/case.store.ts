import { ValueStore } from './value.store.ts';

/**
 * Bumped after a case is recorded or moves on (a step, a document, photos, officers): the
 * case list and the case layer reload, since the state, deadline or colour may have changed.
 */
export const caseRevision = new ValueStore<number>(0);

export function noteCaseChange(): void {
  caseRevision.set(caseRevision.get() + 1);
}

/**
 * Whether the map draws the open cases. Off on every visit, like the removed layer: the
 * map is about poles first, and the cases are a layer an officer turns on to work them.
 */
export const casesLayerStore = new ValueStore<boolean>(false);
