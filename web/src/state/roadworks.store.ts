import type { DateWindow } from '../api/burial.types.ts';
import { shanghaiDay } from '../i18n/time.format.ts';
import { addDays } from '../i18n/day.arith.ts';
import { ValueStore } from './value.store.ts';

/** The road works a planner looks at: those planned to start in this window (both days included). */
export interface WorksWindow extends Required<DateWindow> {}

/** A year ahead from today: the horizon a burial project is usually lined up against. */
export function defaultWindow(): WorksWindow {
  const today = shanghaiDay();
  return { from: today, to: addDays(today, 365) };
}

/** Shared by the road works layer, its legend and the dig-once list, which all show one window. */
export const worksWindowStore = new ValueStore<WorksWindow>(defaultWindow());
