/** Survey imports (导入): the dry run the server keeps, and what a commit did. */
export type ImportFormat = 'csv' | 'geojson' | 'kml' | 'shapefile';
export type ImportEncoding = 'utf-8' | 'gbk';
export type ImportCrs = 'wgs84' | 'cgcs2000' | 'gcj02' | 'bd09';
export type ImportOutcome = 'new' | 'update' | 'unchanged' | 'error';

/** What the person chose in the form; null = let the server tell from the file. */
export interface ImportChoices {
  format: ImportFormat | null;
  encoding: ImportEncoding | null;
  crs: ImportCrs | null;
  /** CSV columns holding longitude and latitude, when their names are not ones the server knows */
  lngColumn?: string | null;
  latColumn?: string | null;
}

export interface ImportRow {
  /** the row (CSV line, feature number) in the file, as the person sees it in their editor */
  row: number;
  outcome: ImportOutcome;
  code?: string;
  reason?: string;
  /** the cells as written, keyed by the file's own column names */
  values?: Record<string, string>;
  pole_id?: number;
  /** field → [before, after] */
  changes?: Record<string, [unknown, unknown]>;
}

export type ImportCounts = Record<ImportOutcome, number>;

export interface ImportPreview {
  import_id: number;
  format: ImportFormat;
  encoding_detected: string | null;
  crs: ImportCrs;
  columns: string[];
  lng_column: string | null;
  lat_column: string | null;
  filename?: string;
  rows: ImportRow[];
  rows_total: number;
  rows_truncated: boolean;
  counts: ImportCounts;
}

export interface ImportResult {
  import_id: number;
  inserted: number;
  updated: number;
  unchanged: number;
  skipped: number;
}
