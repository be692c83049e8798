import { ValueStore } from './value.store.ts';

export type ViewMode = 'summary' | 'poles';

/** What the map currently shows, for the count line, the legend and the test hook. */
export interface ViewState {
  mode: ViewMode;
  /** poles drawn (poles mode) or poles counted in the cells (summary mode) */
  count: number;
  /** true when the server capped the answer and more poles exist in view */
  capped: boolean;
  /** false until the first viewport answer arrived */
  loaded: boolean;
}

export const viewStore = new ValueStore<ViewState>({ mode: 'summary', count: 0, capped: false, loaded: false });
