import type * as L from 'leaflet';
import type { DistrictCollection } from '../api/api.types.ts';
import type { DrawBar } from '../map/draw.bar.ts';
import type { Owners } from '../map/owner.colours.ts';
import type { ProgressBar } from '../ui/progress.bar.ts';
import type { PlanningMapLayers } from './planning.layers.ts';

/** What every part of the planning panel works with: the map, its layers and the reference data. */
export interface PlanningContext {
  map: L.Map;
  layers: PlanningMapLayers;
  owners: Owners;
  districts: DistrictCollection | null;
  drawBar: DrawBar;
  /** the corridor half-width the server uses by default, in metres */
  defaultCorridor: number;
  progress: ProgressBar;
  /** open a project's page in the panel (from the map, the list or after saving) */
  openProject: (id: number) => void;
  /** on a phone the panel covers the map: step aside while drawing */
  setPanelOpen: (open: boolean) => void;
}

/** Who may do what here; the server checks every request itself, this only hides what would be refused. */
export interface PlanningRights {
  /** compute an impact: planners, admins and officers */
  assess: boolean;
  /** save projects and road works, move projects on: planners and admins */
  plan: boolean;
}
