import type { InputCrs } from '../poles/poles.enums.ts';
import type { TextEncoding } from './imports.encoding.ts';

/**
 * What every reader (CSV, GeoJSON, KML, Shapefile) hands on: records of named cells plus a
 * position, before any registry rule is applied. The rules live in one place (imports.rows).
 */
export const IMPORT_FORMATS = ['csv', 'geojson', 'kml', 'shapefile'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

export interface RowProblem {
  code: string;
  reason: string;
}

export interface SourceRecord {
  /** Where a person finds the record: the spreadsheet row for CSV (header = 1); otherwise its place from 1. */
  row?: number;
  cells: Record<string, unknown>;
  /** [x, y] in the source's system, or why the record has no usable position. */
  position: number[] | RowProblem;
}

export interface ParsedSource {
  format: ImportFormat;
  encoding: TextEncoding | null;
  crs: InputCrs;
  /** A projected system that was turned into longitude/latitude, e.g. "EPSG:4527". */
  projection: string | null;
  columns: string[];
  lngColumn: string | null;
  latColumn: string | null;
  records: SourceRecord[];
}

/** Options a person sends with the file; anything left out is detected or defaulted. */
export interface ImportOptions {
  format?: ImportFormat;
  encoding: 'utf-8' | 'gbk' | 'auto';
  crs?: InputCrs;
  lngColumn?: string;
  latColumn?: string;
  maxRows: number;
}

/**
 * Column names a survey uses for each field, in order of preference. Shapefile (DBF) names are
 * cut to 10 characters, hence the shortened spellings.
 */
export const FIELD_ALIASES = {
  code: ['编号', '杆号', '线杆编号', 'code', 'pole_code'],
  owner: ['权属', '权属单位', '产权单位', '所属单位', 'owner', 'owner_code'],
  condition: ['状况', '杆体状况', 'condition', 'cond'],
  material: ['材质', 'material'],
  height_m: ['杆高', '杆高(m)', '杆高（米）', 'height_m', 'height'],
  install_year: ['安装年份', '建设年份', 'install_year', 'install_ye', 'year'],
  note: ['备注', '说明', 'note', 'notes', 'remark'],
} as const;
export type ImportField = keyof typeof FIELD_ALIASES;

export const LNG_ALIASES = ['经度', 'lng', 'lon', 'longitude', 'long', 'x'];
export const LAT_ALIASES = ['纬度', 'lat', 'latitude', 'y'];

/** The first column matching one of the aliases, compared without case or surrounding space. */
export function findColumn(columns: readonly string[], aliases: readonly string[]): string | null {
  const byName = new Map(columns.map((c) => [c.trim().toLowerCase(), c]));
  for (const a of aliases) {
    const hit = byName.get(a.toLowerCase());
    if (hit !== undefined) return hit;
  }
  return null;
}

/**
 * Which columns may feed each field, in order of preference. Features in GeoJSON and KML need
 * not share properties, so each record takes the first of these it has a value in. A KML
 * placemark's <name> is its pole code when nothing else is.
 */
export function fieldColumns(columns: readonly string[], format: ImportFormat): Partial<Record<ImportField, string[]>> {
  const out: Partial<Record<ImportField, string[]>> = {};
  for (const [field, aliases] of Object.entries(FIELD_ALIASES) as [ImportField, readonly string[]][]) {
    const names = format === 'kml' && field === 'code' ? [...aliases, 'name'] : aliases;
    const cols = names.map((a) => findColumn(columns, [a])).filter((c): c is string => c !== null);
    if (cols.length) out[field] = cols;
  }
  return out;
}

/** Geometry of a GeoJSON feature as a position, or why it cannot be one pole. */
export function pointPosition(geometry: unknown): number[] | RowProblem {
  if (geometry === null || geometry === undefined) return { code: 'missing_geometry', reason: 'The feature has no geometry; a pole needs a Point.' };
  const g = geometry as { type?: unknown; coordinates?: unknown };
  if (g.type !== 'Point') return { code: 'wrong_geometry_type', reason: `The geometry is a ${String(g.type)}; a pole is a Point.` };
  const c = g.coordinates;
  if (!Array.isArray(c) || c.length < 2 || c.length > 3) return { code: 'invalid_coordinates', reason: 'A Point needs [longitude, latitude] (a third value, height, is dropped).' };
  if (!c.every((v) => typeof v === 'number' && Number.isFinite(v))) {
    return { code: 'invalid_coordinates', reason: `Coordinates must be numbers, not ${JSON.stringify(c)} (no strings, null or NaN).` };
  }
  return c as number[];
}
