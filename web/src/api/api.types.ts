import type { Feature, FeatureCollection, LineString, MultiPolygon, Point } from 'geojson';

/** Shapes of the polewatch HTTP API as the server sends them ([lng, lat] everywhere). */

export type LngLat = [number, number];
export type Bbox = [minLng: number, minLat: number, maxLng: number, maxLat: number];

export interface TileLayerConfig {
  url: string;
  attribution: string;
  maxZoom: number;
}

export interface MapConfig {
  center: LngLat;
  zoom: number;
  /** Below this zoom the client asks for aggregated cells instead of single poles. */
  clusterBelowZoom: number;
  tileLayer: TileLayerConfig | null;
  serviceArea: Bbox;
  /** the burial planner's defaults; absent from older servers */
  burial?: BurialConfig;
}

export interface BurialConfig {
  /** corridor half-width in metres the server uses when none is given */
  corridorM: number;
  /** ± days around a project's dates in which road works count as lined up with it */
  roadWorksWindowDays: number;
  /** most vertices a drawn route or road works may have */
  maxVertices: number;
}

export type OrgKind = 'carrier' | 'enforcement' | 'district_office' | 'housing' | 'other';

export interface Organisation {
  id: number;
  code: string;
  name_zh: string;
  name_en: string;
  kind: OrgKind;
  colour: string | null;
}

export interface DistrictProps {
  id: number;
  code: string;
  name_zh: string;
  name_en: string;
  kind: string;
}
export type DistrictCollection = FeatureCollection<MultiPolygon, DistrictProps>;

export type RoadKind = 'main_road' | 'street' | 'alley' | 'compound_lane';
export interface RoadProps {
  id: number;
  name_zh: string | null;
  name_en: string | null;
  kind: RoadKind;
}
export type RoadCollection = FeatureCollection<LineString, RoadProps>;

export const CONDITIONS = ['good', 'leaning', 'damaged', 'broken', 'fallen'] as const;
export type Condition = (typeof CONDITIONS)[number];

export const OWNERSHIP_STATUSES = ['unknown', 'claimed', 'disputed', 'confirmed', 'presumed_abandoned'] as const;
export type OwnershipStatus = (typeof OWNERSHIP_STATUSES)[number];

export const POLE_STATUSES = ['in_service', 'abandoned', 'removed'] as const;
export type PoleStatus = (typeof POLE_STATUSES)[number];

/** The statuses a plain edit may set: removal has its own workflow. */
export const EDITABLE_STATUSES = ['in_service', 'abandoned'] as const;
export type EditableStatus = (typeof EDITABLE_STATUSES)[number];

// Mirrors the server's vocabularies (server/poles/poles.enums.ts): a value outside them is
// refused with 422, so the edit form offers exactly these.
export const MATERIALS = ['concrete', 'wood', 'steel', 'composite', 'unknown'] as const;
export const LOCATION_KINDS = ['main_road', 'street', 'alley', 'compound'] as const;

export interface PoleProps {
  id: number;
  code: string;
  owner_code: string | null;
  ownership_status: OwnershipStatus;
  condition: Condition;
  status: PoleStatus;
  material: string;
  /** numeric in the database, sent as an exact decimal string */
  height_m: string | null;
  install_year: number | null;
  cable_tangle: boolean;
  district_code: string | null;
  road_name_zh: string | null;
  road_name_en: string | null;
  location_kind: string;
  version: number;
  /** freed by a completed burial project: no overhead cable left on it */
  removal_candidate?: boolean;
  removal_candidate_project_id?: number | null;
  /** YYYY-MM-DD */
  removal_candidate_since?: string | null;
}
export type PoleFeature = Feature<Point, PoleProps>;
export type PoleCollection = FeatureCollection<Point, PoleProps>;

export interface PolePage extends FeatureCollection<Point, PoleProps> {
  numberReturned: number;
  /** Opaque cursor; non-null means the answer was capped at `limit`. */
  next: string | null;
  limit: number;
}

export interface SummaryProps {
  count: number;
  orphan: number;
  broken: number;
  tangle: number;
}
export type SummaryCell = Feature<Point, SummaryProps>;
export interface SummaryCollection extends FeatureCollection<Point, SummaryProps> {
  cellSizeDeg: number;
}

export interface PoleDetailProps extends PoleProps {
  note: string | null;
  removed_at: string | null;
  created_at: string;
  updated_at: string;
  owner_name_zh: string | null;
  owner_name_en: string | null;
  district_name_zh: string | null;
  district_name_en: string | null;
  source_crs: string | null;
  /** what the caller may change, decided by the server; absent from older servers */
  permissions?: PolePermissions;
}
export type PoleDetail = Feature<Point, PoleDetailProps>;

export interface PolePermissions {
  edit: boolean;
  /** may change the owner (officers and admins) */
  editOwner: boolean;
  /** a carrier may file a claim or disclaim on this pole */
  claim?: boolean;
  /** may accept or reject claims and put the pole under public notice (officers and admins) */
  decide?: boolean;
}

/** Body of PATCH /api/poles/:id; only the fields that change are sent. */
export interface PolePatch {
  condition?: Condition;
  status?: EditableStatus;
  material?: string;
  height_m?: number | null;
  install_year?: number | null;
  cable_tangle?: boolean;
  location_kind?: string;
  note?: string | null;
  /** organisation code, or null for "no known owner" */
  owner?: string | null;
}

/** Body of PATCH /api/poles/:id that takes a pole off the removal-candidate list (officers). */
export interface CandidateLift {
  removal_candidate: false;
}

/** Body of POST /api/poles: a point in WGS84 and any fields that differ from the defaults. */
export interface NewPole extends Omit<PolePatch, 'status'> {
  geometry: { type: 'Point'; coordinates: [number, number] };
  status?: EditableStatus;
}

export type HistoryAction =
  | 'create'
  | 'update'
  | 'remove'
  | 'restore'
  | 'verify_removal'
  | 'import'
  | 'claim'
  | 'disclaim'
  | 'claim_accepted'
  | 'claim_rejected'
  | 'claim_withdrawn'
  | 'notice'
  | 'notice_lapsed'
  | 'attachment';
export interface HistoryItem {
  id: number;
  version: number;
  action: HistoryAction;
  changes: Record<string, unknown>;
  actor: string;
  at: string;
}
