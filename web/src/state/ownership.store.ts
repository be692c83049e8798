import { ValueStore } from './value.store.ts';

/**
 * Bumped after any claim, decision, withdrawal or notice, by whichever view made it: the
 * pole panel, the officers' queue and the carrier portal all show ownership, and each
 * reloads its part when another one changed something.
 */
export const ownershipRevision = new ValueStore<number>(0);

export function noteOwnershipChange(): void {
  ownershipRevision.set(ownershipRevision.get() + 1);
}
