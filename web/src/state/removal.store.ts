import { ValueStore } from './value.store.ts';

/**
 * Bumped after a removal is recorded, verified or voided: the pole panel reloads the pole,
 * and the live map and the removed-poles layer both redraw (the pole moves between them).
 */
export const removalRevision = new ValueStore<number>(0);

export function noteRemovalChange(): void {
  removalRevision.set(removalRevision.get() + 1);
}

/**
 * Whether the map also draws removed poles. Off on every visit: the map is for poles that
 * still stand, and removed ones are looked up now and then, not worked through.
 */
export const removedLayerStore = new ValueStore<boolean>(false);
