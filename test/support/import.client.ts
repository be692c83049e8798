import type { FastifyInstance } from 'fastify';
import type { Session, TestContext } from './test.app.ts';
import { multipartForm } from './multipart.ts';

export interface PreviewBody {
  import_id: number;
  format: string;
  encoding_detected: string | null;
  crs: string;
  projection: string | null;
  columns: string[];
  lng_column: string | null;
  lat_column: string | null;
  rows: { row: number; outcome: string; code?: string; reason?: string; values: Record<string, unknown>; changes?: Record<string, [unknown, unknown]> }[];
  counts: { new: number; update: number; unchanged: number; error: number };
  error?: { code: string; message: string; details?: unknown };
}

export interface StoredPole {
  id: number;
  lng: number;
  lat: number;
  owner: string | null;
  condition: string;
  material: string;
  height_m: string | null;
  install_year: number | null;
  note: string | null;
  source_crs: string;
  version: number;
  ownership_status: string;
}

/** The import API as an officer uses it, plus the database reads the import tests check with. */
export class ImportClient {
  constructor(private readonly t: TestContext, private readonly session: Session) {}

  get headers() {
    return this.session.headers;
  }

  async preview(bytes: Buffer, filename: string, fields: Record<string, string> = {}, app: FastifyInstance = this.t.app) {
    const mp = multipartForm(fields, bytes, filename);
    const res = await app.inject({ method: 'POST', url: '/api/imports/preview', headers: { ...this.session.headers, ...mp.headers }, payload: mp.payload });
    return { status: res.statusCode, body: res.json() as PreviewBody };
  }

  async commit(id: number, body: Record<string, unknown> = {}) {
    const res = await this.t.app.inject({ method: 'POST', url: `/api/imports/${id}/commit`, headers: this.session.headers, payload: body });
    return { status: res.statusCode, body: res.json() };
  }

  async one<T extends object>(sql: string, params: unknown[] = []): Promise<T> {
    return (await this.t.db.query<T>(sql, params)).rows[0]!;
  }

  /** How many rows the tables hold: a refused or dry-run import must leave all but `imports` as they were. */
  tallies() {
    return this.one<{ poles: number; history: number; audit: number; imports: number }>(
      `SELECT (SELECT count(*)::int FROM poles) AS poles, (SELECT count(*)::int FROM pole_history) AS history,
              (SELECT count(*)::int FROM audit_log WHERE action = 'pole.import') AS audit, (SELECT count(*)::int FROM imports) AS imports`);
  }

  poleByCode(code: string) {
    return this.one<StoredPole>(
      `SELECT p.id, ST_X(p.geom) AS lng, ST_Y(p.geom) AS lat, o.code AS owner, p.condition, p.material, p.height_m::text AS height_m, p.install_year,
              p.note, p.source_crs, p.version, p.ownership_status
       FROM poles p LEFT JOIN organisations o ON o.id = p.owner_org_id WHERE p.code = $1`, [code]);
  }

  async metresFrom(code: string, lng: number, lat: number): Promise<number> {
    return (await this.one<{ d: number }>(
      'SELECT ST_Distance(geom::geography, ST_SetSRID(ST_MakePoint($2, $3), 4326)::geography) AS d FROM poles WHERE code = $1', [code, lng, lat])).d;
  }
}
