import * as shapefile from 'shapefile';
import { DomainError, unprocessable } from '../http/errors.ts';
import { detectEncoding, encodingFromLabel, type TextEncoding } from './imports.encoding.ts';
import { crsFromPrj, withDeclaredCrs } from './imports.prj.ts';
import { readZip, type ZipLimits } from './imports.zip.ts';
import { pointPosition, type ImportOptions, type ParsedSource, type SourceRecord } from './imports.source.ts';

/**
 * A zipped Shapefile: .shp (points), .dbf (attributes), optional .prj (coordinate system) and
 * .cpg (the DBF's code page). Only these parts are inflated, in memory.
 */
const PARTS = new Set(['shp', 'dbf', 'prj', 'cpg']);

const extOf = (name: string) => /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase() ?? '';
const stemOf = (name: string) => name.replace(/\.[a-z0-9]+$/i, '').toLowerCase();

/**
 * The DBF's text, for detection: field names and records, without the binary descriptors
 * (field lengths above 127 would otherwise look like stray non-ASCII bytes).
 */
function dbfText(dbf: Buffer): Buffer {
  const headerLength = dbf.readUInt16LE(8);
  const names: Buffer[] = [];
  for (let at = 32; at + 32 <= headerLength && dbf[at] !== 0x0d; at += 32) {
    const name = dbf.subarray(at, at + 11);
    const end = name.indexOf(0);
    names.push(name.subarray(0, end < 0 ? 11 : end), Buffer.from(' '));
  }
  return Buffer.concat([...names, dbf.subarray(headerLength)]);
}

function dbfEncoding(dbf: Buffer, cpg: Buffer | undefined, declared: ImportOptions['encoding']): TextEncoding {
  if (declared !== 'auto') return declared;
  if (cpg) {
    const label = cpg.toString('latin1').trim();
    const enc = encodingFromLabel(label);
    if (!enc) throw unprocessable('unsupported_encoding', `The .cpg names code page "${label.slice(0, 40)}"; polewatch reads UTF-8 and GBK. Declare encoding=utf-8 or encoding=gbk if you know better.`);
    return enc;
  }
  if (dbf.length < 32) throw unprocessable('invalid_shapefile', 'The .dbf is too short to be a dBASE table.');
  return detectEncoding(dbfText(dbf), '.dbf attribute table');
}

function pick(files: Map<string, Buffer>, stem: string, ext: string): Buffer | undefined {
  for (const [name, buf] of files) if (stemOf(name) === stem && extOf(name) === ext) return buf;
  return undefined;
}

export async function readShapefileZip(bytes: Buffer, opts: ImportOptions, limits: ZipLimits): Promise<ParsedSource> {
  const files = await readZip(bytes, limits, (e) => PARTS.has(extOf(e.name)) && !e.name.startsWith('__MACOSX/'));
  const shps = [...files.keys()].filter((n) => extOf(n) === 'shp');
  if (shps.length === 0) throw unprocessable('no_shapefile', 'The archive holds no .shp file.');
  if (shps.length > 1) throw unprocessable('several_shapefiles', `The archive holds ${shps.length} shapefiles (${shps.slice(0, 5).join(', ')}); send one per import.`);
  const stem = stemOf(shps[0]!);
  const shp = files.get(shps[0]!)!;
  const dbf = pick(files, stem, 'dbf');
  if (!dbf) throw unprocessable('invalid_shapefile', 'The .dbf is missing; the pole codes and attributes are in it.');
  const prj = pick(files, stem, 'prj');
  const crs = withDeclaredCrs(prj ? crsFromPrj(prj.toString('utf8')) : null, opts.crs);
  const encoding = dbfEncoding(dbf, pick(files, stem, 'cpg'), opts.encoding);

  let source: Awaited<ReturnType<typeof shapefile.open>>;
  try {
    source = await shapefile.open(new Uint8Array(shp), new Uint8Array(dbf), { encoding });
  } catch (err) {
    throw unprocessable('invalid_shapefile', `The shapefile cannot be read: ${(err as Error).message}`);
  }
  const records: SourceRecord[] = [];
  const columns = new Set<string>();
  for (;;) {
    let next: { done: boolean; value: { geometry: unknown; properties: Record<string, unknown> | null } };
    try {
      next = await source.read();
    } catch (err) {
      throw unprocessable('invalid_shapefile', `The shapefile is damaged near record ${records.length + 1}: ${(err as Error).message}`);
    }
    if (next.done) break;
    if (records.length === opts.maxRows) throw new DomainError('too_many_rows', 413, `The shapefile has more than ${opts.maxRows.toLocaleString('en')} records; split it.`);
    const cells = next.value.properties ?? {};
    for (const [k, v] of Object.entries(cells)) {
      columns.add(k);
      // The decoder never fails; a replacement character is its way of saying the code page was wrong.
      if ((typeof v === 'string' && v.includes('\uFFFD')) || k.includes('\uFFFD')) {
        throw new DomainError('declare_encoding', 422, `The .dbf does not read cleanly as ${encoding.toUpperCase()} (record ${records.length + 1}); declare the encoding it was saved in (utf-8 or gbk).`);
      }
    }
    const pos = pointPosition(next.value.geometry);
    records.push({ row: records.length + 1, cells, position: Array.isArray(pos) && crs.toLngLat ? crs.toLngLat(pos) : pos });
  }
  return { format: 'shapefile', encoding, crs: crs.crs, projection: crs.projection, columns: [...columns], lngColumn: null, latColumn: null, records };
}
