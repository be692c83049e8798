import type { LineString } from 'geojson';
import type * as L from 'leaflet';
import type { SessionUser } from '../api/auth.types.ts';
import type { FreedPole, Impact, Project } from '../api/burial.types.ts';
import type { ViewMode } from '../state/view.store.ts';
import type { PendingPole } from '../map/pending.layer.ts';
import type { OutboxSummary } from './field.kit.ts';

export interface DrawnPoleSummary {
  id: number;
  code: string;
  lat: number;
  lng: number;
  owner_code: string | null;
  ownership_status: string;
  condition: string;
}

export interface DrawnCaseSummary {
  id: number;
  state: string;
  overdue: boolean;
  lat: number;
  lng: number;
}

/** The planning page's state (planning.html): the route being drawn, its impact, the open project, the layers. */
export interface PlanningHook {
  /** the drawn route, its Turf length (m), the corridor, the server's impact; nulls while there is none */
  route(): { route: LineString | null; clientLength: number | null; corridor: number; impact: Impact | null; drawing: boolean; assessed: number } | null;
  /** the project whose page is open in the panel */
  project(): Project | null;
  /** what the layers draw for the current view */
  layers(): { overhead: number[]; buried: number[]; affected: number; roadWorks: number[]; projects: Array<{ id: number; status: string }>; capped: boolean };
  /** poles the drawn route or the open (not yet completed) project would free */
  candidates(): readonly FreedPole[];
  /** ids of the poles completed projects flagged as removal candidates, drawn for the view */
  removalCandidates(): number[];
}

/** Read-only handle for the browser tests; nothing in the app reads it. */
export interface PolewatchHook {
  readonly map: L.Map | undefined;
  ready: Promise<void>;
  lastPoles(): DrawnPoleSummary[];
  /** ids of the removed poles drawn as crosses (the 「显示已拔除」 layer; empty while it is off) */
  removedPoles(): number[];
  mode(): ViewMode;
  /** who the page believes is signed in (from /api/auth/me or the last sign-in) */
  session(): SessionUser | null;
  /** fill colour of a drawn pole's dot in the current colour mode; null = hollow or not drawn */
  poleFill(id: number): string | null;
  /** what "zoom to" in a list does: centre the map on the pole and open its panel */
  openPole(id: number): Promise<void>;
  /** resolves true once the service worker controls the page (false where there is none) */
  offlineReady: Promise<boolean>;
  /** new poles in the outbox, drawn as pending */
  pendingPoles(): PendingPole[];
  /** every record waiting in the outbox, oldest first */
  outbox(): OutboxSummary[];
  /** where the add-a-pole pin stands (null while that sheet is closed) */
  newPolePosition(): { lat: number; lng: number } | null;
  /** what "open" in the case list does: the case in the case panel, loaded */
  openCase(id: number): Promise<void>;
  /** the open cases drawn by the 「显示执法案件」 layer (empty while it is off) */
  caseMarkers(): DrawnCaseSummary[];
  /** ids of the poles chosen for the violation being recorded (empty when no form is open) */
  pickedPoles(): number[];
  /** only on the planning page */
  planning?: PlanningHook;
}

declare global {
  interface Window {
    polewatch?: PolewatchHook;
  }
}

export function exposeHook(hook: PolewatchHook): void {
  // A rejected `ready` (server down) is reported in the banner; this keeps the console free
  // of an "unhandled rejection" while a test awaiting it still sees the failure.
  hook.ready.catch(() => undefined);
  window.polewatch = hook;
}
