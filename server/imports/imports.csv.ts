import { parse } from 'csv-parse/sync';
import { DomainError, unprocessable } from '../http/errors.ts';
import { decodeText } from './imports.encoding.ts';
import { LAT_ALIASES, LNG_ALIASES, findColumn, type ImportOptions, type ParsedSource, type RowProblem, type SourceRecord } from './imports.source.ts';

/** Plain decimals only, as people type them: no thousands separators, no 1e5, no hex. */
const DECIMAL = /^[-+]?\d+(\.\d+)?$/;

/** Excel writes commas; some survey tools write tabs or semicolons. The header line tells which. */
function delimiterOf(text: string): string {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  for (const d of [',', '\t', ';']) if (firstLine.includes(d)) return d;
  return ',';
}

function coordinate(raw: unknown, column: string): number | RowProblem {
  const s = typeof raw === 'string' ? raw.trim() : '';
  if (s === '') return { code: 'missing_coordinates', reason: `The ${column} cell is empty.` };
  if (!DECIMAL.test(s)) return { code: 'invalid_coordinates', reason: `The ${column} cell "${s.slice(0, 40)}" is not a plain decimal number.` };
  return Number(s);
}

function headerOf(row: string[]): string[] {
  const names = row.map((c, i) => c.trim() || `column_${i + 1}`);
  const seen = new Set<string>();
  for (const n of names) {
    const key = n.toLowerCase();
    if (seen.has(key)) throw unprocessable('duplicate_column', `The column "${n}" appears twice in the header; rename one of them.`);
    seen.add(key);
  }
  return names;
}

function coordinateColumns(columns: string[], opts: ImportOptions): { lng: string; lat: string } {
  for (const declared of [opts.lngColumn, opts.latColumn]) {
    if (declared !== undefined && findColumn(columns, [declared]) === null) {
      throw unprocessable('unknown_column', `There is no column "${declared}"; the columns are: ${columns.join(', ')}.`);
    }
  }
  const lng = findColumn(columns, opts.lngColumn !== undefined ? [opts.lngColumn] : LNG_ALIASES);
  const lat = findColumn(columns, opts.latColumn !== undefined ? [opts.latColumn] : LAT_ALIASES);
  if (lng === null || lat === null) {
    // The columns go with the refusal so the import dialog can offer them to choose from.
    throw unprocessable('coordinates_not_found',
      `No ${lng === null ? 'longitude' : 'latitude'} column was found (looked for ${(lng === null ? LNG_ALIASES : LAT_ALIASES).join(', ')}); name the columns with lng_column and lat_column.`,
      { columns });
  }
  if (lng === lat) throw unprocessable('coordinates_not_found', 'Longitude and latitude cannot come from the same column.', { columns });
  return { lng, lat };
}

export function readCsv(bytes: Buffer, opts: ImportOptions): ParsedSource {
  const { text, encoding } = decodeText(bytes, opts.encoding, 'CSV file');
  let table: string[][];
  try {
    // One more record than allowed tells us the file is over the limit without reading it all.
    table = parse(text, { delimiter: delimiterOf(text), relax_column_count: true, relax_quotes: true, skip_empty_lines: false, to: opts.maxRows + 2 }) as string[][];
  } catch (err) {
    throw unprocessable('invalid_csv', `The CSV cannot be read: ${(err as Error).message}`);
  }
  if (table.length === 0) throw unprocessable('empty_file', 'The file is empty; the first line must name the columns.');
  if (table.length - 1 > opts.maxRows) throw new DomainError('too_many_rows', 413, `The file has more than ${opts.maxRows.toLocaleString('en')} rows; split it into smaller files.`);
  const columns = headerOf(table[0]!);
  const coords = coordinateColumns(columns, opts);
  const records: SourceRecord[] = [];
  for (let i = 1; i < table.length; i++) {
    const cellsIn = table[i]!;
    // Excel leaves rows of empty cells behind; they are nobody's pole.
    if (cellsIn.every((c) => c.trim() === '')) continue;
    const cells: Record<string, unknown> = Object.fromEntries(columns.map((c, j) => [c, cellsIn[j] ?? '']));
    let position: number[] | RowProblem;
    if (cellsIn.slice(columns.length).some((c) => c.trim() !== '')) {
      position = { code: 'too_many_cells', reason: `The row has ${cellsIn.length} cells but the header names ${columns.length} columns.` };
    } else {
      const x = coordinate(cells[coords.lng], coords.lng);
      const y = coordinate(cells[coords.lat], coords.lat);
      position = typeof x !== 'number' ? x : typeof y !== 'number' ? y : [x, y];
    }
    // The spreadsheet row: the header is row 1.
    records.push({ row: i + 1, cells, position });
  }
  return {
    format: 'csv', encoding, crs: opts.crs ?? 'wgs84', projection: null,
    columns, lngColumn: coords.lng, latColumn: coords.lat, records,
  };
}
