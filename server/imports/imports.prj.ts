import proj4 from 'proj4';
import { unprocessable } from '../http/errors.ts';
import type { InputCrs } from '../poles/poles.enums.ts';

/**
 * The coordinate system of a Shapefile (.prj, OGC or Esri WKT) or a GeoJSON `crs` member.
 * Geographic WGS84 and CGCS2000 are taken as they are. Transverse Mercator grids on either datum
 * (the Gauss-Krüger zones surveys in China use, e.g. EPSG:4527 "CGCS2000 / 3-degree
 * Gauss-Kruger zone 39", and UTM) are reprojected from their own parameters. Anything else,
 * including Beijing 1954 and Xi'an 1980 which need a datum shift nobody has given us, is refused.
 */
export interface SourceCrs {
  crs: InputCrs;
  /** A name for the projected system, shown in the dry run; null for geographic input. */
  projection: string | null;
  toLngLat: ((xy: number[]) => number[]) | null;
}

const squash = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');
const WGS84_NAMES = new Set(['wgs1984', 'dwgs1984', 'wgs84', 'worldgeodeticsystem1984']);
const CGCS2000_NAMES = new Set(['china2000', 'dchina2000', 'cgcs2000', 'chinageodeticcoordinatesystem2000', 'dcgcs2000']);
const TM_NAMES = new Set(['transversemercator', 'gausskruger', 'gausskrueger']);

function datumOf(wkt: string): InputCrs | null {
  const datum = /DATUM\s*\[\s*"([^"]+)"/i.exec(wkt)?.[1] ?? /GEOGCS\s*\[\s*"([^"]+)"/i.exec(wkt)?.[1] ?? '';
  const name = squash(datum);
  if (WGS84_NAMES.has(name)) return 'wgs84';
  if (CGCS2000_NAMES.has(name)) return 'cgcs2000';
  return null;
}

const unknownProjection = (what: string) =>
  unprocessable('unknown_projection', `The coordinate system ${what} is not one polewatch can convert. Send WGS84 or CGCS2000 longitude/latitude, or a CGCS2000 Gauss-Krüger grid (e.g. EPSG:4527), with its .prj.`);

/** Builds the converter from the grid's own parameters; both datums use (near-)identical ellipsoids and no shift. */
function transverseMercator(crs: InputCrs, p: Record<string, number>, name: string): SourceCrs {
  const lon0 = p.central_meridian ?? p.longitude_of_center;
  const k = p.scale_factor ?? 1;
  const x0 = p.false_easting ?? 0;
  const y0 = p.false_northing ?? 0;
  const lat0 = p.latitude_of_origin ?? 0;
  if (lon0 === undefined || Math.abs(lon0) > 180 || !(k > 0.9 && k <= 1)) throw unknownProjection(`"${name}" (its Transverse Mercator parameters are incomplete)`);
  const ellps = crs === 'cgcs2000' ? 'GRS80' : 'WGS84';
  const def = `+proj=tmerc +lat_0=${lat0} +lon_0=${lon0} +k=${k} +x_0=${x0} +y_0=${y0} +ellps=${ellps} +units=m +no_defs`;
  const converter = proj4(def, `+proj=longlat +ellps=${ellps} +no_defs`);
  return { crs, projection: name, toLngLat: (xy) => converter.forward([xy[0]!, xy[1]!]) };
}

export function crsFromPrj(wkt: string): SourceCrs {
  const text = wkt.trim();
  const crs = datumOf(text);
  const projected = /^(PROJCS|PROJCRS)\s*\[/i.test(text);
  const label = /^\w+\s*\[\s*"([^"]+)"/.exec(text)?.[1] ?? 'in the .prj';
  if (crs === null) throw unknownProjection(`"${label}" (its datum is neither WGS84 nor CGCS2000)`);
  if (!projected) {
    if (!/^(GEOGCS|GEOGCRS)\s*\[/i.test(text)) throw unknownProjection(`"${label}"`);
    return { crs, projection: null, toLngLat: null };
  }
  const method = /PROJECTION\s*\[\s*"([^"]+)"/i.exec(text)?.[1] ?? '';
  if (!TM_NAMES.has(squash(method))) throw unknownProjection(`"${label}" (projection ${method || 'not named'})`);
  // The linear unit is the last UNIT of a PROJCS; the first belongs to its GEOGCS (degrees).
  const units = [...text.matchAll(/UNIT\s*\[\s*"([^"]+)"\s*,\s*([0-9.eE+-]+)/gi)];
  const unit = units[units.length - 1];
  if (!unit || Number(unit[2]) !== 1) throw unknownProjection(`"${label}" (its unit is not the metre)`);
  const params: Record<string, number> = {};
  for (const m of text.matchAll(/PARAMETER\s*\[\s*"([^"]+)"\s*,\s*([0-9.eE+-]+)/gi)) params[m[1]!.toLowerCase()] = Number(m[2]);
  const epsg = /AUTHORITY\s*\[\s*"EPSG"\s*,\s*"(\d+)"\s*\]\s*\]\s*$/i.exec(text)?.[1];
  return transverseMercator(crs, params, epsg ? `EPSG:${epsg} ${label}` : label);
}

/**
 * GeoJSON files from older tools name their system in a `crs` member. The CGCS2000 3-degree
 * Gauss-Krüger EPSG codes follow a rule (4513–4533 with the zone number in the easting,
 * 4534–4554 without), so they are built rather than listed.
 */
export function crsFromEpsg(code: number): SourceCrs | null {
  if (code === 4326) return { crs: 'wgs84', projection: null, toLngLat: null };
  if (code === 4490) return { crs: 'cgcs2000', projection: null, toLngLat: null };
  const name = `EPSG:${code}`;
  if (code >= 4513 && code <= 4533) {
    const zone = code - 4488;
    return transverseMercator('cgcs2000', { central_meridian: zone * 3, false_easting: zone * 1e6 + 500000 }, `${name} CGCS2000 / 3-degree Gauss-Kruger zone ${zone}`);
  }
  if (code >= 4534 && code <= 4554) {
    const cm = 75 + (code - 4534) * 3;
    return transverseMercator('cgcs2000', { central_meridian: cm, false_easting: 500000 }, `${name} CGCS2000 / 3-degree Gauss-Kruger CM ${cm}E`);
  }
  return null;
}

/** A GeoJSON `crs` member, e.g. {"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::4527"}}. */
export function crsFromGeoJsonMember(member: unknown): SourceCrs | null {
  if (member === undefined || member === null) return null;
  const name = String((member as { properties?: { name?: unknown } }).properties?.name ?? '');
  if (/CRS84$/i.test(name)) return crsFromEpsg(4326);
  const code = /EPSG:{1,2}(\d{4,6})$/i.exec(name)?.[1];
  const found = code ? crsFromEpsg(Number(code)) : null;
  if (!found) throw unknownProjection(`"${name || JSON.stringify(member).slice(0, 80)}" named by the GeoJSON crs member`);
  return found;
}

/**
 * Combines what the file says with what the caller declared. A projected grid is a fact of the
 * file, so a different declaration is a contradiction. A geographic label is not: Chinese map
 * tools label GCJ-02 data "WGS84" too, so for longitude/latitude the caller's word wins.
 */
export function withDeclaredCrs(source: SourceCrs | null, declared: InputCrs | undefined): SourceCrs {
  if (source?.toLngLat) {
    if (declared && declared !== source.crs) throw unprocessable('crs_conflict', `The file is in ${source.projection}; crs=${declared} contradicts it. Leave crs out.`);
    return source;
  }
  return { crs: declared ?? source?.crs ?? 'wgs84', projection: null, toLngLat: null };
}
