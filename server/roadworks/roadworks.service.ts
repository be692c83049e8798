import type { Db, Queryable } from '../db/db.types.ts';
import type { Config } from '../config/config.ts';
import { DomainError, badRequest, notFound, staleVersion, unprocessable } from '../http/errors.ts';
import { addDays, parseDay, parsePeriod, shanghaiToday } from '../http/dates.ts';
import { parseBbox } from '../http/bbox.ts';
import { parseLimit } from '../http/paging.ts';
import { listParam } from '../http/list.param.ts';
import type { RequestContext } from '../http/request.context.ts';
import { actorLabel } from '../auth/principal.ts';
import { recordAudit, recordAuditMany } from '../audit/audit.service.ts';
import { acceptDrawnGeometry, geometriesOutsideServiceArea } from '../geo/geometry.area.ts';
import { validateGeometries, type GeometryInput, type GeometryKind } from '../geo/geometry.input.ts';
import { districtByCode } from '../burial/burial.repo.ts';
import * as repo from './roadworks.repo.ts';
import { ROAD_WORKS_STATUSES, readFeatures, type ImportProblem } from './roadworks.import.ts';

const KINDS: readonly GeometryKind[] = ['LineString', 'MultiLineString', 'Polygon', 'MultiPolygon'];

export interface RoadWorksInput {
  name: string;
  geometry: GeometryInput;
  planned_start: string;
  planned_end: string;
  status?: string;
  district?: string;
}

export type RoadWorksPatch = Partial<RoadWorksInput> & { version: number };

export interface RoadWorksQuery {
  bbox?: string;
  status?: string;
  from?: string;
  to?: string;
  district?: string;
  limit?: string;
  cursor?: string;
}

/** Points per metre of overhead cable, per tangled pole and per orphan pole in the dig-once score. */
export const SCORE = { perHundredMetres: 1, tangledPole: 2, orphanPole: 1 } as const;

export class RoadWorksService {
  constructor(
    private readonly db: Db,
    private readonly config: Config,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private geometry(q: Queryable, g: GeometryInput): Promise<string> {
    return acceptDrawnGeometry(q, g, { allowed: KINDS, maxVertices: this.config.burial.maxVertices }, this.config, 'The road works');
  }

  private async district(q: Queryable, code: string | undefined): Promise<number | undefined> {
    if (code === undefined) return undefined;
    const id = await districtByCode(q, code);
    if (id === undefined) throw unprocessable('unknown_district', `No district has the code "${code}".`);
    return id;
  }

  private async feature(id: number): Promise<unknown> {
    const f = await repo.featureById(this.db, id);
    if (!f) throw notFound(`Road works ${id}`);
    return JSON.parse(f);
  }

  async list(q: RoadWorksQuery) {
    if (q.cursor !== undefined && !/^\d{1,10}$/.test(q.cursor)) throw badRequest('invalid_cursor', 'The paging cursor is not one this server handed out.');
    const limit = parseLimit(q.limit, 500, 2000);
    const page = await repo.listFeatures(this.db, {
      bbox: q.bbox ? parseBbox(q.bbox) : null,
      statuses: listParam('status', q.status, ROAD_WORKS_STATUSES),
      from: q.from ? parseDay('from', q.from) : null,
      to: q.to ? parseDay('to', q.to) : null,
      districts: listParam('district', q.district, /^[A-Z]{2,4}$/),
    }, Number(q.cursor ?? 0), limit);
    return { ...page, limit, next: page.lastId === null ? null : String(page.lastId) };
  }

  async create(input: RoadWorksInput, ctx: RequestContext) {
    const period = parsePeriod('planned_start', input.planned_start, 'planned_end', input.planned_end);
    const id = await this.db.tx(async (q) => {
      const [id] = await repo.insertMany(q, [{
        name: input.name, geojson: await this.geometry(q, input.geometry), district_id: (await this.district(q, input.district)) ?? null,
        planned_start: period.start, planned_end: period.end, status: input.status ?? 'planned', source: 'planner', created_by: actorLabel(ctx.principal),
      }]);
      await recordAudit(q, ctx, { action: 'road_works.create', entityType: 'road_works', entityId: id!, after: await repo.byId(q, id!) });
      return id!;
    });
    return this.feature(id);
  }

  async patch(id: number, input: RoadWorksPatch, ctx: RequestContext) {
    await this.db.tx(async (q) => {
      const before = await repo.byId(q, id, true);
      if (!before) throw notFound(`Road works ${id}`);
      if (before.version !== input.version) throw staleVersion('The road works entry', before.version);
      if (input.status !== undefined && input.status !== before.status && !(await repo.transitionAllowed(q, before.status, input.status))) {
        throw new DomainError('illegal_transition', 409, `Road works that are ${before.status} cannot become ${input.status}.`, { status: before.status, to: input.status });
      }
      const period = parsePeriod('planned_start', input.planned_start ?? before.planned_start, 'planned_end', input.planned_end ?? before.planned_end);
      const version = await repo.update(q, id, input.version, {
        name: input.name,
        geojson: input.geometry ? await this.geometry(q, input.geometry) : undefined,
        district_id: await this.district(q, input.district),
        planned_start: input.planned_start !== undefined ? period.start : undefined,
        planned_end: input.planned_end !== undefined ? period.end : undefined,
        status: input.status,
      });
      if (version === undefined) throw staleVersion('The road works entry', before.version);
      await recordAudit(q, ctx, { action: 'road_works.update', entityType: 'road_works', entityId: id, before, after: await repo.byId(q, id) });
    });
    return this.feature(id);
  }

  /**
   * A GeoJSON FeatureCollection of road works, all or nothing: every feature is checked (fields,
   * then geometry validity and service area in one statement each) and reported by index;
   * nothing is written unless all pass and this is not a dry run.
   */
  async import(features: unknown[], dryRun: boolean, ctx: RequestContext) {
    const max = this.config.burial.importMaxFeatures;
    if (features.length === 0) throw unprocessable('empty_import', 'The FeatureCollection has no features.');
    if (features.length > max) throw unprocessable('too_many_features', `An import may hold at most ${max} features (got ${features.length}); split the file.`);
    return this.db.tx(async (q) => {
      const { candidates, problems } = readFeatures(features);
      const checked = await validateGeometries(q, candidates.map((c) => c.geometry), { allowed: KINDS, maxVertices: this.config.burial.maxVertices });
      const outside = await geometriesOutsideServiceArea(q, checked.geojson, this.config);
      const districts = new Map((await q.query<{ code: string; id: number }>('SELECT code, id FROM districts')).rows.map((d) => [d.code, d.id]));
      const errors: ImportProblem[] = [...problems];
      for (const p of checked.problems) errors.push({ index: candidates[p.index]!.index, code: p.error.code, message: p.error.message });
      candidates.forEach((c, k) => {
        if (outside.has(k)) errors.push({ index: c.index, code: 'outside_service_area', message: "The geometry leaves the city's service area; positions are [longitude, latitude] in WGS84." });
        if (c.district !== null && !districts.has(c.district)) errors.push({ index: c.index, code: 'unknown_district', message: `No district has the code "${c.district}".` });
      });
      errors.sort((a, b) => a.index - b.index);
      if (errors.length > 0 || dryRun) return { dry_run: dryRun, created: 0, valid: features.length - new Set(errors.map((e) => e.index)).size, errors, ids: [] as number[] };
      const by = actorLabel(ctx.principal);
      const ids = await repo.insertMany(q, candidates.map((c, k) => ({
        name: c.name, geojson: checked.geojson[k]!, district_id: c.district === null ? null : districts.get(c.district)!,
        planned_start: c.planned_start, planned_end: c.planned_end, status: c.status, source: 'import' as const, created_by: by,
      })));
      await recordAuditMany(q, ctx, ids.map((id, k) => ({ action: 'road_works.import', entityType: 'road_works', entityId: id, after: { name: candidates[k]!.name, planned_start: candidates[k]!.planned_start, planned_end: candidates[k]!.planned_end, status: candidates[k]!.status } })));
      return { dry_run: false, created: ids.length, valid: ids.length, errors, ids };
    });
  }

  /** Dig once: open road works starting in [from, to], best burial opportunity first. */
  async ranking(q: { from?: string; to?: string; corridor_m?: string; limit?: string }) {
    const from = q.from ? parseDay('from', q.from) : shanghaiToday(this.now());
    const to = q.to ? parseDay('to', q.to) : addDays(from, 730);
    if (to < from) throw unprocessable('invalid_period', `to (${to}) is before from (${from}).`);
    let corridorM = this.config.burial.corridorM;
    if (q.corridor_m !== undefined) {
      corridorM = /^\d{1,3}(\.\d{1,2})?$/.test(q.corridor_m) ? Number(q.corridor_m) : NaN;
      if (!(corridorM >= 1 && corridorM <= 100)) throw badRequest('invalid_corridor', 'corridor_m must be a number of metres from 1 to 100.');
    }
    const limit = parseLimit(q.limit, 100, 1000);
    const rows = await repo.ranking(this.db, from, to, corridorM);
    const items = rows.map((r) => ({
      ...r,
      overhead_m: Math.round(r.overhead_m * 100) / 100,
      score: Math.round((r.overhead_m / 100 * SCORE.perHundredMetres + r.tangled_poles * SCORE.tangledPole + r.orphan_poles * SCORE.orphanPole) * 10) / 10,
    }));
    items.sort((a, b) => b.score - a.score || a.planned_start.localeCompare(b.planned_start) || a.id - b.id);
    return { from, to, corridor_m: corridorM, items: items.slice(0, limit) };
  }
}
