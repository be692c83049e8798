import type { FeatureCollection, LineString, Point } from 'geojson';

/** Shapes of the campaign figures (/api/dashboard, /api/public/*) as the server sends them. */

export interface Campaign {
  code: string;
  name_zh: string;
  name_en: string;
  starts_on: string;
  baseline_removed: number;
  baseline_km: number;
  /** the last day the baseline counts ('YYYY-MM-DD'); null when the campaign has none */
  baseline_until: string | null;
}

export interface DashboardTotals {
  removed_total: number;
  removed_until_baseline: number;
  removed_since_baseline: number;
  removed_this_year: number;
  km_buried_total: number;
  km_buried_this_year: number;
  orphan_poles: number;
  poles_standing: number;
  open_claims: number;
  target_poles: number | null;
  target_km: number | null;
}

export interface MonthFigures {
  /** 'YYYY-MM' */
  month: string;
  removed: number;
  km: number;
  cumulative_removed: number;
  cumulative_km: number;
}

export interface DistrictFigures {
  code: string;
  name_zh: string;
  name_en: string;
  removed_total: number;
  removed_this_year: number;
  target_poles: number | null;
  km_buried: number;
  orphan_poles: number;
  poles_standing: number;
  open_claims: number;
}

export interface FirmFigures {
  code: string;
  name_zh: string;
  name_en: string;
  poles_owned: number;
  removals_done: number;
  removals_this_year: number;
  claims_filed: number;
  claims_accepted: number;
  km_buried: number;
}

export const LOCATION_KINDS = ['main_road', 'street', 'alley', 'compound'] as const;
export type LocationKind = (typeof LOCATION_KINDS)[number];

export interface LocationKindFigures {
  location_kind: LocationKind;
  removed_total: number;
  removed_this_year: number;
  poles_standing: number;
}

export interface Dashboard {
  year: number;
  /** today in Asia/Shanghai, 'YYYY-MM-DD' */
  as_of: string;
  campaign: Campaign | null;
  totals: DashboardTotals;
  /** every month from the first removal or burial to the current month, gaps filled */
  series: MonthFigures[];
  by_district: DistrictFigures[];
  /** already ranked by removals_done */
  by_firm: FirmFigures[];
  by_location_kind: LocationKindFigures[];
  /** enforcement cases are not built yet: null means "no data", never zero */
  enforcement: null;
}

export type DashboardTable = 'districts' | 'firms' | 'location_kinds';

export interface PublicProgress {
  as_of: string;
  campaign: Campaign | null;
  totals: Pick<DashboardTotals, 'removed_total' | 'removed_this_year' | 'target_poles' | 'km_buried_total' | 'km_buried_this_year' | 'target_km' | 'orphan_poles'>;
  series: Array<Pick<MonthFigures, 'month' | 'cumulative_removed' | 'cumulative_km'>>;
  by_district: Array<Pick<DistrictFigures, 'code' | 'name_zh' | 'name_en' | 'removed_total' | 'km_buried'>>;
}

export interface RemovedPoleProps {
  code: string;
  removed_on: string;
  district_code: string | null;
}
export type RemovedPoleCollection = FeatureCollection<Point, RemovedPoleProps>;

export interface SpanProps {
  id: number;
  org_code: string | null;
  status: string;
  length_m: number;
  /** the poles the cable hangs between: spans of several firms share a pair */
  from_pole_id?: number;
  to_pole_id?: number;
  buried_at?: string | null;
}
export interface SpanPage extends FeatureCollection<LineString, SpanProps> {
  next: string | null;
}
