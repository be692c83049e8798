import type { Db } from '../db/db.types.ts';
import type { Config } from '../config/config.ts';
import { toCsv } from '../dashboard/dashboard.csv.ts';
import { LABELS } from '../poles/poles.labels.ts';
import { parsePoleFilter, type PoleFilterQuery } from '../poles/poles.filters.ts';
import type { Condition, Material, OwnershipStatus, PoleStatus } from '../poles/poles.enums.ts';
import { toKml } from './exports.kml.ts';
import * as repo from './exports.repo.ts';

export const EXPORT_FORMATS = ['geojson', 'csv', 'kml'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportFile {
  body: string;
  contentType: string;
  filename: string;
  count: number;
  limit: number;
  truncated: boolean;
}

const NO_OWNER = ['无主', 'No known owner'] as const;
const TYPES: Record<ExportFormat, string> = {
  geojson: 'application/geo+json; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  kml: 'application/vnd.google-earth.kml+xml; charset=utf-8',
};

/** Export columns in file order; labelled() must fill exactly these (the compiler checks). */
const COLUMNS = [
  'code', 'lng', 'lat', 'owner_code', 'owner_zh', 'owner_en', 'ownership_status', 'ownership_zh', 'ownership_en',
  'condition', 'condition_zh', 'condition_en', 'status', 'status_zh', 'status_en', 'material', 'material_zh', 'material_en',
  'height_m', 'install_year', 'cable_tangle', 'district_code', 'district_zh', 'district_en', 'road_zh', 'road_en',
  'location_kind', 'source_crs', 'note', 'version', 'updated_at', 'id',
] as const;

/**
 * A flat record per pole: codes for machines, Chinese and English labels for people. Its
 * column names are the ones the importer reads (code, lng, lat, owner_code, condition, …), so an
 * exported CSV imports back unchanged.
 */
function labelled(r: repo.ExportRow): Record<(typeof COLUMNS)[number], unknown> {
  const [ownerZh, ownerEn] = r.owner_code === null ? NO_OWNER : [r.owner_zh, r.owner_en];
  const [ownershipZh, ownershipEn] = LABELS.ownership_status[r.ownership_status as OwnershipStatus];
  const [conditionZh, conditionEn] = LABELS.condition[r.condition as Condition];
  const [statusZh, statusEn] = LABELS.status[r.status as PoleStatus];
  const [materialZh, materialEn] = LABELS.material[r.material as Material];
  return {
    code: r.code, lng: r.lng, lat: r.lat,
    owner_code: r.owner_code, owner_zh: ownerZh, owner_en: ownerEn,
    ownership_status: r.ownership_status, ownership_zh: ownershipZh, ownership_en: ownershipEn,
    condition: r.condition, condition_zh: conditionZh, condition_en: conditionEn,
    status: r.status, status_zh: statusZh, status_en: statusEn,
    material: r.material, material_zh: materialZh, material_en: materialEn,
    height_m: r.height_m === null ? null : Number(r.height_m), install_year: r.install_year, cable_tangle: r.cable_tangle,
    district_code: r.district_code, district_zh: r.district_zh, district_en: r.district_en,
    road_zh: r.road_zh, road_en: r.road_en, location_kind: r.location_kind,
    source_crs: r.source_crs, note: r.note, version: r.version, updated_at: r.updated_at.toISOString(), id: r.id,
  };
}

function render(format: ExportFormat, rows: repo.ExportRow[], truncated: boolean, limit: number): string {
  const records = rows.map(labelled);
  if (format === 'csv') {
    return toCsv([...COLUMNS], records.map((r) => COLUMNS.map((k) => r[k])));
  }
  if (format === 'kml') {
    return toKml('polewatch 线杆 poles', records.map((r) => ({
      name: String(r.code), lng: Number(r.lng), lat: Number(r.lat), data: r,
      description: `${r.owner_zh} · ${r.condition_zh} · ${r.status_zh} / ${r.owner_en} · ${r.condition_en} · ${r.status_en}`,
    })));
  }
  const features = records.map((r) => ({ type: 'Feature', id: r.id, geometry: { type: 'Point', coordinates: [r.lng, r.lat] }, properties: r }));
  return JSON.stringify({ type: 'FeatureCollection', numberReturned: features.length, limit, truncated, features });
}

export class ExportService {
  constructor(
    private readonly db: Db,
    private readonly config: Config,
  ) {}

  /** The map's current selection (same filters as /api/poles), capped at EXPORT_MAX_ROWS. */
  async poles(format: ExportFormat, query: PoleFilterQuery, now = new Date()): Promise<ExportFile> {
    const filter = parsePoleFilter(query);
    const limit = this.config.exports.maxRows;
    const { rows, truncated } = await repo.selection(this.db, filter, limit);
    const day = now.toISOString().slice(0, 10).replace(/-/g, '');
    return { body: render(format, rows, truncated, limit), contentType: TYPES[format], filename: `polewatch-poles-${day}.${format}`, count: rows.length, limit, truncated };
  }
}
