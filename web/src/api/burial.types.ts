import type { Feature, FeatureCollection, LineString, MultiLineString, MultiPolygon, Polygon } from 'geojson';

/** Shapes of the cable-burial planning endpoints (/api/burial-projects, /api/road-works). */

export const PROJECT_STATUSES = ['proposed', 'approved', 'in_progress', 'completed', 'cancelled'] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];

export const PROJECT_ACTIONS = ['approve', 'start', 'complete', 'cancel'] as const;
export type ProjectAction = (typeof PROJECT_ACTIONS)[number];

export const ROAD_WORK_STATUSES = ['planned', 'in_progress', 'completed', 'cancelled'] as const;
export type RoadWorkStatus = (typeof ROAD_WORK_STATUSES)[number];

export type WarningKind = 'road_works_overlap' | 'burial_overlap' | 'no_road_works';

export interface ImpactFirm {
  code: string;
  name_zh: string;
  name_en: string;
  spans: number;
  overhead_m: number;
}

export interface FreedPole {
  id: number;
  code: string;
  lng: number;
  lat: number;
}

export interface ImpactWarning {
  kind: WarningKind;
  id?: number;
  name?: string;
  /** the road works' or the other project's status */
  status?: string;
  /** how much of the route the other works or project runs along, in metres */
  overlap_m?: number;
  planned_start?: string;
  planned_end?: string;
  /** the server's own sentence (English); the page words the kind itself and keeps this as a fallback */
  message: string;
}

export interface Impact {
  length_m: number;
  corridor_m: number;
  spans: { count: number; overhead_m: number; ids: number[] };
  firms: ImpactFirm[];
  freed_poles: FreedPole[];
  warnings: ImpactWarning[];
}

export interface ImpactRequest {
  route: LineString;
  corridor_m?: number;
  exclude_project_id?: number;
  /** the dig-once check looks for road works around these days; without them, around today */
  planned_start?: string;
  planned_end?: string;
}

export interface ProjectEvent {
  action: string;
  from_status: ProjectStatus | null;
  to_status: ProjectStatus;
  actor: string;
  at: string;
  reason: string | null;
}

export interface ProjectFirm {
  code: string;
  name_zh: string;
  name_en: string;
}

export interface Project {
  id: number;
  name: string;
  status: ProjectStatus;
  version: number;
  district: string | null;
  route: LineString;
  length_m: number;
  corridor_m: number;
  firms: ProjectFirm[];
  planned_start: string;
  planned_end: string;
  actual_start: string | null;
  actual_end: string | null;
  /** live while the project is open; frozen as applied once completed */
  impact: Impact;
  events: ProjectEvent[];
  created_by: string;
  created_at: string;
}

export interface NewProject {
  name: string;
  district?: string;
  route: LineString;
  firms: string[];
  planned_start: string;
  planned_end: string;
  corridor_m?: number;
}

export interface ProjectTransition {
  action: ProjectAction;
  version: number;
  /** the actual day, 'YYYY-MM-DD' (Asia/Shanghai); the server's default is today */
  on?: string;
  reason?: string;
}

export interface ProjectProps {
  id: number;
  name: string;
  status: ProjectStatus;
  length_m: number;
  planned_start: string;
  planned_end: string;
}
export type ProjectCollection = FeatureCollection<LineString, ProjectProps>;

export type RoadWorkGeometry = LineString | MultiLineString | Polygon | MultiPolygon;

export interface RoadWorkProps {
  id: number;
  name: string;
  district_code: string | null;
  planned_start: string;
  planned_end: string;
  status: RoadWorkStatus;
  length_m: number | null;
  area_m2: number | null;
}
export type RoadWorkFeature = Feature<RoadWorkGeometry, RoadWorkProps>;
export type RoadWorkCollection = FeatureCollection<RoadWorkGeometry, RoadWorkProps>;

export interface NewRoadWork {
  name: string;
  geometry: RoadWorkGeometry;
  planned_start: string;
  planned_end: string;
  status?: RoadWorkStatus;
  district?: string;
}

export interface RoadWorkImportResult {
  dry_run: boolean;
  /** written (0 on a dry run or when any feature has a problem) */
  created: number;
  /** features without a problem */
  valid: number;
  /** index is the feature's position in the file, from 0 */
  errors: Array<{ index: number; code: string; message: string }>;
  ids: number[];
}

export interface RankedRoadWork {
  id: number;
  name: string;
  planned_start: string;
  planned_end: string;
  overhead_m: number;
  overhead_spans: number;
  firms: string[];
  tangled_poles: number;
  orphan_poles: number;
  score: number;
}

export interface DateWindow {
  /** 'YYYY-MM-DD', inclusive */
  from?: string;
  to?: string;
}
