import { DomainError } from '../http/errors.ts';
import type { OrganisationRow } from '../organisations/organisations.repo.ts';
import type { Condition, InputCrs, Material } from '../poles/poles.enums.ts';
import { positionToWgs84 } from '../poles/poles.geometry.ts';
import { acceptedLabels, parseLabel } from '../poles/poles.labels.ts';
import { heightText } from '../poles/poles.service.ts';
import { fieldColumns, type ImportField, type ParsedSource, type RowProblem } from './imports.source.ts';

/**
 * Turns source records into pole drafts with the registry's rules: the same coordinate
 * validation as the API, the same vocabularies as the map. A bad cell fails its row, with a
 * reason, never the whole file. An empty cell means "not given": it never clears a value.
 */
export type Outcome = 'new' | 'update' | 'unchanged' | 'error';

export interface OwnerRef {
  id: number | null;
  code: string | null;
}

export interface PoleDraft {
  code: string;
  lng: number;
  lat: number;
  source_crs: InputCrs;
  owner?: OwnerRef;
  material?: Material;
  height_m?: string;
  install_year?: number;
  condition?: Condition;
  note?: string;
}

export interface ImportRow {
  row: number;
  outcome: Outcome;
  /** Why the row fails: a stable code and a sentence. */
  code?: string;
  reason?: string;
  values: Record<string, unknown>;
  pole?: PoleDraft;
  pole_id?: number;
  changes?: Record<string, [unknown, unknown]>;
}

const POLE_CODE = /^[A-Z0-9][A-Z0-9-]{2,31}$/;
const DECIMAL = /^\d+(\.\d+)?$/;
const NO_OWNER = new Set(['无', '无主', '无主杆', '未知', '不明', 'none', 'unknown', 'orphan']);

class RowError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
  }
}

function text(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

/** Owners as people write them: the code, the full name, or the firm's short name (联通, 电信, 移动, 广电). */
export function ownerMatcher(orgs: readonly OrganisationRow[]): (raw: string) => OwnerRef {
  const carriers = orgs.filter((o) => o.kind === 'carrier');
  return (raw) => {
    const v = raw.toLowerCase();
    if (NO_OWNER.has(v)) return { id: null, code: null };
    const exact = orgs.find((o) => o.code === v || o.name_zh === raw || o.name_en.toLowerCase() === v);
    if (exact) return { id: exact.id, code: exact.code };
    const short = raw.length >= 2 ? carriers.filter((o) => o.name_zh.replace(/^中国/, '').startsWith(raw)) : [];
    if (short.length === 1) return { id: short[0]!.id, code: short[0]!.code };
    throw new RowError('unknown_owner', `No organisation is called "${raw}". Write one of: ${carriers.map((o) => `${o.code}/${o.name_zh}`).join(', ')}, or 无主 for none.`);
  };
}

function numberCell(raw: unknown, field: string, unit: RegExp | null): number {
  if (typeof raw === 'number') return raw;
  const s = unit ? text(raw).replace(unit, '') : text(raw);
  if (!DECIMAL.test(s)) throw new RowError(`invalid_${field}`, `${field} "${text(raw).slice(0, 40)}" is not a number.`);
  return Number(s);
}

type Reader = (raw: unknown, draft: Partial<PoleDraft>) => void;

function readers(owner: (raw: string) => OwnerRef): Record<Exclude<ImportField, 'code'>, Reader> {
  return {
    owner: (raw, d) => (d.owner = owner(text(raw))),
    condition: (raw, d) => {
      const v = parseLabel('condition', text(raw));
      if (v === undefined) throw new RowError('invalid_condition', `Condition "${text(raw).slice(0, 40)}" is not one of: ${acceptedLabels('condition')}.`);
      d.condition = v as Condition;
    },
    material: (raw, d) => {
      const v = parseLabel('material', text(raw));
      if (v === undefined) throw new RowError('invalid_material', `Material "${text(raw).slice(0, 40)}" is not one of: ${acceptedLabels('material')}.`);
      d.material = v as Material;
    },
    height_m: (raw, d) => {
      const h = numberCell(raw, 'height_m', /\s*(m|米)$/i);
      if (!(h > 0 && h <= 30)) throw new RowError('invalid_height_m', `A pole height of ${h} m is outside 0–30 m.`);
      d.height_m = heightText(h)!;
    },
    install_year: (raw, d) => {
      const y = numberCell(raw, 'install_year', null);
      if (!Number.isInteger(y) || y < 1950 || y > 2100) throw new RowError('invalid_install_year', `Install year ${y} is not a whole year from 1950 to 2100.`);
      d.install_year = y;
    },
    note: (raw, d) => {
      const n = text(raw);
      if (n.length > 2000) throw new RowError('invalid_note', `The note has ${n.length} characters; the limit is 2,000.`);
      d.note = n;
    },
  };
}

function draftOf(cells: Record<string, unknown>, position: number[] | RowProblem, crs: InputCrs, columns: Partial<Record<ImportField, string[]>>, read: ReturnType<typeof readers>): PoleDraft {
  const cell = (field: ImportField) => columns[field]?.map((c) => cells[c]).find((v) => text(v) !== '');
  const code = text(cell('code'));
  if (code === '') throw new RowError('missing_code', 'The pole code is empty; each row needs one, so that a later import finds the same pole.');
  if (!POLE_CODE.test(code)) throw new RowError('invalid_code', `Pole code "${code.slice(0, 40)}" must be 3–32 capital letters, digits and hyphens.`);
  if (!Array.isArray(position)) throw new RowError(position.code, position.reason);
  let pt;
  try {
    pt = positionToWgs84(position, crs);
  } catch (err) {
    if (err instanceof DomainError) throw new RowError(err.code, err.message);
    throw err;
  }
  const draft: Partial<PoleDraft> = { code, lng: pt.lng, lat: pt.lat, source_crs: crs };
  for (const [field, read1] of Object.entries(read) as [Exclude<ImportField, 'code'>, Reader][]) {
    const raw = cell(field);
    if (raw !== undefined) read1(raw, draft);
  }
  return draft as PoleDraft;
}

/** One row per record, each either a draft or an error; pole codes must be unique within the file. */
export function normalise(src: ParsedSource, orgs: readonly OrganisationRow[]): ImportRow[] {
  const columns = fieldColumns(src.columns, src.format);
  const read = readers(ownerMatcher(orgs));
  const firstRowOf = new Map<string, number>();
  return src.records.map((rec, i) => {
    const row = rec.row ?? i + 1;
    try {
      const pole = draftOf(rec.cells, rec.position, src.crs, columns, read);
      const first = firstRowOf.get(pole.code);
      if (first !== undefined) throw new RowError('duplicate_code', `Pole code ${pole.code} is already on row ${first} of this file.`);
      firstRowOf.set(pole.code, row);
      return { row, outcome: 'new', values: rec.cells, pole };
    } catch (err) {
      if (!(err instanceof RowError)) throw err;
      return { row, outcome: 'error', code: err.code, reason: err.message, values: rec.cells };
    }
  });
}
