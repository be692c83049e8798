import type { Db, Queryable } from '../db/db.types.ts';
import type { Config } from '../config/config.ts';
import { DomainError, badRequest, notFound, staleVersion, unprocessable } from '../http/errors.ts';
import { parseDay, parsePeriod, shanghaiToday } from '../http/dates.ts';
import { parseBbox } from '../http/bbox.ts';
import { parseLimit } from '../http/paging.ts';
import type { RequestContext } from '../http/request.context.ts';
import { actorLabel } from '../auth/principal.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { acceptDrawnGeometry } from '../geo/geometry.area.ts';
import type { GeometryInput } from '../geo/geometry.input.ts';
import { listParam } from '../http/list.param.ts';
import * as repo from './burial.repo.ts';
import { computeImpact, type Impact } from './burial.impact.ts';
import { completeProject } from './burial.complete.ts';

export const PROJECT_STATUSES = ['proposed', 'approved', 'in_progress', 'completed', 'cancelled'] as const;

export interface ImpactInput {
  route: GeometryInput;
  corridor_m?: number;
  exclude_project_id?: number;
  planned_start?: string;
  planned_end?: string;
}

export interface CreateInput {
  name: string;
  district?: string;
  route: GeometryInput;
  firms: string[];
  planned_start: string;
  planned_end: string;
  corridor_m?: number;
}

export type PatchInput = Partial<Omit<CreateInput, 'district'>> & { version: number; district?: string };

export interface TransitionInput {
  action: 'approve' | 'start' | 'complete' | 'cancel';
  version: number;
  on?: string;
  reason?: string;
}

/** The audit's picture of a project: what a person would compare. */
const auditView = (p: repo.ProjectRow) => ({
  name: p.name, status: p.status, district: p.district, length_m: p.length_m, corridor_m: p.corridor_m,
  firms: p.firms.map((f) => f.code), planned_start: p.planned_start, planned_end: p.planned_end,
  actual_start: p.actual_start, actual_end: p.actual_end,
});

export class BurialService {
  constructor(
    private readonly db: Db,
    private readonly config: Config,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private today(): string {
    return shanghaiToday(this.now());
  }

  private route(q: Queryable, g: GeometryInput): Promise<string> {
    return acceptDrawnGeometry(q, g, { allowed: ['LineString'], maxVertices: this.config.burial.maxVertices }, this.config, 'The route');
  }

  private async firmIds(q: Queryable, codes: string[]): Promise<number[]> {
    const unique = [...new Set(codes)];
    const found = await repo.carriersByCode(q, unique);
    const missing = unique.filter((c) => !found.some((f) => f.code === c));
    if (missing.length) throw unprocessable('unknown_firm', `Not a carrier firm: ${missing.join(', ')}. Firms are carrier codes such as unicom, telecom, mobile, broadcast.`);
    return found.map((f) => f.id);
  }

  private async districtId(q: Queryable, code: string | undefined): Promise<number | null> {
    if (code === undefined) return null;
    const id = await repo.districtByCode(q, code);
    if (id === undefined) throw unprocessable('unknown_district', `No district has the code "${code}".`);
    return id;
  }

  private window(start: string, end: string) {
    return { start, end, windowDays: this.config.burial.roadWorksWindowDays };
  }

  /** The preview planners draw against: nothing is stored. */
  async impact(input: ImpactInput): Promise<Impact> {
    const corridorM = input.corridor_m ?? this.config.burial.corridorM;
    const today = this.today();
    const period = input.planned_start !== undefined || input.planned_end !== undefined
      ? parsePeriod('planned_start', input.planned_start ?? input.planned_end!, 'planned_end', input.planned_end ?? input.planned_start!)
      : { start: today, end: today };
    const geojson = await this.route(this.db, input.route);
    return computeImpact(this.db, { geojson, corridorM }, corridorM, this.window(period.start, period.end), input.exclude_project_id ?? null);
  }

  async create(input: CreateInput, ctx: RequestContext) {
    const period = parsePeriod('planned_start', input.planned_start, 'planned_end', input.planned_end);
    const id = await this.db.tx(async (q) => {
      const routeGeojson = await this.route(q, input.route);
      const orgIds = await this.firmIds(q, input.firms);
      const by = actorLabel(ctx.principal);
      const id = await repo.insert(q, {
        name: input.name, districtId: await this.districtId(q, input.district), routeGeojson,
        corridorM: input.corridor_m ?? this.config.burial.corridorM, plannedStart: period.start, plannedEnd: period.end, by,
      });
      await repo.setFirms(q, id, orgIds);
      await repo.insertEvent(q, { projectId: id, action: 'create', from: null, to: 'proposed', actor: by, reason: null, details: {} });
      await recordAudit(q, ctx, { action: 'burial_project.create', entityType: 'burial_project', entityId: id, after: auditView((await repo.byId(q, id))!) });
      return id;
    });
    return this.get(id);
  }

  async get(id: number) {
    const p = await repo.byId(this.db, id);
    if (!p) throw notFound(`Burial project ${id}`);
    const impact = p.status === 'completed'
      ? (p.applied_impact as Impact)
      : await computeImpact(this.db, { projectId: id }, p.corridor_m, this.window(p.planned_start, p.planned_end), id);
    const { route_geojson: _r, applied_impact: _a, updated_at: _u, ...rest } = p;
    return { ...rest, impact, events: await repo.events(this.db, id) };
  }

  async list(query: { status?: string; district?: string; bbox?: string; limit?: string; cursor?: string }) {
    if (query.cursor !== undefined && !/^\d{1,10}$/.test(query.cursor)) throw badRequest('invalid_cursor', 'The paging cursor is not one this server handed out.');
    const limit = parseLimit(query.limit, 500, 2000);
    const page = await repo.listFeatures(this.db, {
      bbox: query.bbox ? parseBbox(query.bbox) : null,
      statuses: listParam('status', query.status, PROJECT_STATUSES),
      districts: listParam('district', query.district, /^[A-Z]{2,4}$/),
    }, Number(query.cursor ?? 0), limit);
    return { ...page, limit, next: page.lastId === null ? null : String(page.lastId) };
  }

  /** Planning changes are allowed only while the project is a proposal; after approval the plan is the plan. */
  async patch(id: number, input: PatchInput, ctx: RequestContext) {
    await this.db.tx(async (q) => {
      const before = await repo.byId(q, id, true);
      if (!before) throw notFound(`Burial project ${id}`);
      if (before.version !== input.version) throw staleVersion('The project', before.version);
      if (before.status !== 'proposed') throw new DomainError('not_editable', 409, `A project that is ${before.status} can no longer be edited; only proposals can.`);
      const period = parsePeriod('planned_start', input.planned_start ?? before.planned_start, 'planned_end', input.planned_end ?? before.planned_end);
      const changes: repo.ProjectChanges = {
        name: input.name,
        route: input.route ? await this.route(q, input.route) : undefined,
        corridor_m: input.corridor_m,
        district_id: input.district !== undefined ? (await this.districtId(q, input.district))! : undefined,
        planned_start: input.planned_start !== undefined ? period.start : undefined,
        planned_end: input.planned_end !== undefined ? period.end : undefined,
      };
      if (input.firms) await repo.setFirms(q, id, await this.firmIds(q, input.firms));
      if ((await repo.update(q, id, input.version, changes)) === undefined) throw staleVersion('The project', before.version);
      await recordAudit(q, ctx, { action: 'burial_project.update', entityType: 'burial_project', entityId: id, before: auditView(before), after: auditView((await repo.byId(q, id))!) });
    });
    return this.get(id);
  }

  async transition(id: number, input: TransitionInput, ctx: RequestContext) {
    const today = this.today();
    const day = input.on === undefined ? today : parseDay('on', input.on);
    if (day > today) throw unprocessable('date_in_future', `on (${day}) is in the future; record a move on the day it happened.`);
    await this.db.tx(async (q) => {
      const before = await repo.byId(q, id, true);
      if (!before) throw notFound(`Burial project ${id}`);
      if (before.version !== input.version) throw staleVersion('The project', before.version);
      const to = await repo.transition(q, before.status, input.action);
      if (!to) throw new DomainError('illegal_transition', 409, `A ${before.status} project cannot ${input.action}.`, { status: before.status, action: input.action });
      if (input.action === 'cancel' && !input.reason?.trim()) throw unprocessable('reason_required', 'Say why the project is cancelled (reason).');
      const changes: repo.ProjectChanges = { status: to };
      let details: Record<string, unknown> = { on: day };
      if (input.action === 'start') changes.actual_start = day;
      if (input.action === 'complete') {
        if (day < before.actual_start!) throw unprocessable('invalid_period', `on (${day}) is before the works started (${before.actual_start}).`);
        const applied = await completeProject(q, before, day, ctx);
        changes.actual_end = day;
        changes.applied_impact = JSON.stringify(applied);
        details = { on: day, spans: applied.spans.count, overhead_m: applied.spans.overhead_m, freed_poles: applied.freed_poles.length };
      }
      if ((await repo.update(q, id, input.version, changes)) === undefined) throw staleVersion('The project', before.version);
      const by = actorLabel(ctx.principal);
      await repo.insertEvent(q, { projectId: id, action: input.action, from: before.status, to, actor: by, reason: input.reason ?? null, details });
      await recordAudit(q, ctx, {
        action: `burial_project.${input.action}`, entityType: 'burial_project', entityId: id,
        before: auditView(before), after: { ...auditView((await repo.byId(q, id))!), ...details, reason: input.reason ?? null },
      });
    });
    return this.get(id);
  }
}
