import { badRequest, unprocessable } from '../http/errors.ts';
import { INPUT_CRS, type InputCrs } from '../poles/poles.enums.ts';
import { IMPORT_FORMATS, type ImportFormat, type ImportOptions } from './imports.source.ts';

/**
 * The form fields that may come with an import file, checked strictly: an unknown field or
 * value is refused rather than ignored, since a misspelt `crs` would silently import
 * GCJ-02 positions as WGS84, hundreds of metres off.
 */
const FIELDS = ['format', 'encoding', 'crs', 'lng_column', 'lat_column'] as const;
const ENCODINGS = ['utf-8', 'gbk', 'auto'] as const;

function oneOf<T extends string>(name: string, raw: string | undefined, allowed: readonly T[]): T | undefined {
  if (raw === undefined || raw === '') return undefined;
  const v = raw.trim().toLowerCase();
  if (!(allowed as readonly string[]).includes(v)) throw badRequest(`invalid_${name}`, `${name} must be one of ${allowed.join(', ')} (got "${raw.slice(0, 40)}").`);
  return v as T;
}

function column(name: string, raw: string | undefined): string | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  if (raw.length > 100) throw badRequest(`invalid_${name}`, `${name} is longer than a column name can be.`);
  return raw.trim();
}

export function parseOptions(fields: Record<string, string>, maxRows: number): ImportOptions {
  const unknown = Object.keys(fields).filter((k) => !(FIELDS as readonly string[]).includes(k));
  if (unknown.length) throw badRequest('unknown_field', `Unknown form field ${unknown.map((k) => `"${k.slice(0, 40)}"`).join(', ')}. Allowed: file, ${FIELDS.join(', ')}.`);
  return {
    format: oneOf<ImportFormat>('format', fields.format, IMPORT_FORMATS),
    encoding: oneOf('encoding', fields.encoding, ENCODINGS) ?? 'auto',
    crs: oneOf<InputCrs>('crs', fields.crs, INPUT_CRS),
    lngColumn: column('lng_column', fields.lng_column),
    latColumn: column('lat_column', fields.lat_column),
    maxRows,
  };
}

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const EMPTY_ZIP = Buffer.from([0x50, 0x4b, 0x05, 0x06]);
const BY_EXTENSION: Record<string, ImportFormat> = { csv: 'csv', txt: 'csv', tsv: 'csv', geojson: 'geojson', json: 'geojson', kml: 'kml', zip: 'shapefile' };

/** The format from the declaration, else the file name, else the first bytes; a zip is always a shapefile here. */
export function resolveFormat(declared: ImportFormat | undefined, filename: string | null, bytes: Buffer): ImportFormat {
  const isZip = bytes.subarray(0, 4).equals(ZIP_MAGIC) || bytes.subarray(0, 4).equals(EMPTY_ZIP);
  const ext = filename ? /\.([a-z0-9]+)$/i.exec(filename)?.[1]?.toLowerCase() : undefined;
  const first = bytes.subarray(0, 512).toString('latin1').replace(/^(\uFEFF|\u00EF\u00BB\u00BF)/, '').trimStart()[0];
  const format = declared ?? (ext ? BY_EXTENSION[ext] : undefined) ?? (isZip ? 'shapefile' : first === '{' ? 'geojson' : first === '<' ? 'kml' : undefined);
  if (!format) throw unprocessable('unknown_format', 'Cannot tell the file format; send format=csv, geojson, kml or shapefile (a .zip).');
  if ((format === 'shapefile') !== isZip) {
    throw unprocessable('format_mismatch', format === 'shapefile' ? 'A shapefile must be sent as a .zip holding its .shp, .dbf and .prj.' : `The file is a zip archive, not ${format}; zipped shapefiles are sent with format=shapefile.`);
  }
  return format;
}

/** Column names apply to CSV only; other formats carry their geometry. */
export function checkColumnsApply(format: ImportFormat, opts: ImportOptions): void {
  if (format !== 'csv' && (opts.lngColumn !== undefined || opts.latColumn !== undefined)) {
    throw unprocessable('columns_not_applicable', `lng_column and lat_column apply to CSV files; a ${format} file carries its own geometry.`);
  }
}
