import { DOMParser, onErrorStopParsing } from '@xmldom/xmldom';
import { kml } from '@tmcw/togeojson';
import { DomainError, unprocessable } from '../http/errors.ts';
import { jsonDepthExceeds } from '../http/json.parser.ts';
import { decodeText, encodingFromLabel, type TextEncoding } from './imports.encoding.ts';
import { crsFromGeoJsonMember, withDeclaredCrs } from './imports.prj.ts';
import { pointPosition, type ImportOptions, type ParsedSource, type SourceRecord } from './imports.source.ts';

/** GeoJSON and KML: both arrive as features with properties, read into the same records. */

const MAX_DEPTH = 32;

interface FeatureLike {
  geometry?: unknown;
  properties?: unknown;
}

function tooMany(maxRows: number): DomainError {
  return new DomainError('too_many_rows', 413, `The file has more than ${maxRows.toLocaleString('en')} features; split it into smaller files.`);
}

/** Columns are the property names in the order they first appear. */
function toRecords(features: readonly FeatureLike[], position: (f: FeatureLike) => SourceRecord['position']): { columns: string[]; records: SourceRecord[] } {
  const columns = new Set<string>();
  const records = features.map((f, i) => {
    const props = f.properties !== null && typeof f.properties === 'object' && !Array.isArray(f.properties) ? (f.properties as Record<string, unknown>) : {};
    for (const k of Object.keys(props)) columns.add(k);
    return { row: i + 1, cells: props, position: position(f) };
  });
  return { columns: [...columns], records };
}

export function readGeoJson(bytes: Buffer, opts: ImportOptions): ParsedSource {
  const { text, encoding } = decodeText(bytes, opts.encoding, 'GeoJSON file');
  if (jsonDepthExceeds(text, MAX_DEPTH)) throw unprocessable('json_too_deep', `The GeoJSON is nested more than ${MAX_DEPTH} levels deep.`);
  let doc: { type?: unknown; features?: unknown; crs?: unknown } & FeatureLike;
  try {
    doc = JSON.parse(text);
  } catch {
    throw unprocessable('invalid_geojson', 'The file is not valid JSON.');
  }
  const features = doc?.type === 'FeatureCollection' && Array.isArray(doc.features) ? (doc.features as FeatureLike[]) : doc?.type === 'Feature' ? [doc] : null;
  if (!features) throw unprocessable('invalid_geojson', 'A GeoJSON import must be a FeatureCollection (or one Feature) of Points.');
  if (features.length > opts.maxRows) throw tooMany(opts.maxRows);
  const crs = withDeclaredCrs(crsFromGeoJsonMember(doc.crs), opts.crs);
  const { columns, records } = toRecords(features, (f) => {
    const pos = pointPosition(f?.geometry);
    return Array.isArray(pos) && crs.toLngLat ? crs.toLngLat(pos) : pos;
  });
  return { format: 'geojson', encoding, crs: crs.crs, projection: crs.projection, columns, lngColumn: null, latColumn: null, records };
}

/** The encoding an XML declaration names; KML from Chinese tools is sometimes GBK. */
function xmlDeclaredEncoding(bytes: Buffer): TextEncoding | undefined {
  const head = bytes.subarray(0, 200).toString('latin1');
  const label = /^\s*(?:\uFEFF|\u00EF\u00BB\u00BF)?<\?xml[^>]*\bencoding\s*=\s*["']([^"']+)["']/.exec(head)?.[1];
  if (label === undefined) return undefined;
  const enc = encodingFromLabel(label);
  if (!enc) throw unprocessable('unsupported_encoding', `The KML declares encoding "${label}"; send it as UTF-8 or GBK.`);
  return enc;
}

export function readKml(bytes: Buffer, opts: ImportOptions): ParsedSource {
  const { text, encoding } = decodeText(bytes, opts.encoding !== 'auto' ? opts.encoding : xmlDeclaredEncoding(bytes) ?? 'auto', 'KML file');
  // KML needs no DTD; refusing one rules out entity expansion attacks whatever the parser does.
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) throw unprocessable('invalid_kml', 'The KML has a DOCTYPE or ENTITY declaration; KML needs neither.');
  let fc: { features: FeatureLike[] };
  try {
    const xml = new DOMParser({ onError: onErrorStopParsing }).parseFromString(text, 'text/xml');
    fc = kml(xml) as unknown as { features: FeatureLike[] };
  } catch (err) {
    throw unprocessable('invalid_kml', `The KML cannot be read: ${(err as Error).message.split('\n')[0]}`);
  }
  if (fc.features.length > opts.maxRows) throw tooMany(opts.maxRows);
  const crs = withDeclaredCrs(null, opts.crs);
  const { columns, records } = toRecords(fc.features, (f) => pointPosition(f.geometry));
  return { format: 'kml', encoding, crs: crs.crs, projection: null, columns, lngColumn: null, latColumn: null, records };
}
