import { ValueStore } from './value.store.ts';

/**
 * True while someone is drawing an area on the map: a click then adds a corner, and must
 * not also open the pole under it.
 */
export const drawingStore = new ValueStore<boolean>(false);
