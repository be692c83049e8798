import type { Db, Queryable } from '../db/db.types.ts';
import type { Config } from '../config/config.ts';
import { DomainError, badRequest, notFound, unprocessable } from '../http/errors.ts';
import { parseYear, shanghaiToday } from '../http/dates.ts';
import { parseBbox } from '../http/bbox.ts';
import { parseLimit } from '../http/paging.ts';
import type { RequestContext } from '../http/request.context.ts';
import { actorLabel, type Principal } from '../auth/principal.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { responsibility, type Org } from '../ownership/ownership.rules.ts';
import * as repo from './cases.repo.ts';
import * as events from './cases.events.repo.ts';
import * as officersRepo from './cases.officers.repo.ts';
import { candidates, type CandidatePole } from './cases.poles.repo.ts';
import { orgByCodeFull } from './cases.orgs.repo.ts';
import { stats } from './cases.stats.repo.ts';
import { caseDetail, summary } from './cases.detail.ts';
import { caseNumber } from './cases.numbering.ts';
import { assertVisible, carrierScope } from './cases.visibility.ts';

export interface NewCaseInput {
  category: repo.Category;
  pole_ids: number[];
  description: string;
  responsible_org?: string;
  officer_ids?: number[];
}

export interface CaseListQuery {
  state?: string;
  district?: string;
  org?: string;
  overdue?: string;
  due_within_days?: string;
  q?: string;
  limit?: string;
  cursor?: string;
}

/** Before an order is served the party may still be corrected; after, the order names it. */
const PARTY_OPEN_STATES = new Set(['found', 'opened', 'investigating']);

/**
 * The one organisation that answers for all the poles (ownership.rules: the confirmed owner,
 * else the firms with cables on the pole), or null when the poles point at none or at several.
 */
export function proposeResponsible(poles: CandidatePole[]): Org | null {
  const orgs = new Map<number, Org>();
  for (const p of poles) for (const o of responsibility(p.owner, p.ownership_status, p.active_firms).orgs) orgs.set(o.id, o);
  return orgs.size === 1 ? [...orgs.values()][0]! : null;
}

export class CaseService {
  constructor(
    private readonly db: Db,
    private readonly config: Config,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private today() {
    return shanghaiToday(this.now());
  }

  async list(p: Principal, query: CaseListQuery) {
    if (query.cursor !== undefined && !/^[1-9]\d{0,9}$/.test(query.cursor)) throw badRequest('invalid_cursor', 'The paging cursor is not one this server handed out.');
    if (query.due_within_days !== undefined && !/^\d{1,3}$/.test(query.due_within_days)) throw badRequest('invalid_due_within_days', 'due_within_days must be a whole number of days from 0 to 999.');
    const limit = parseLimit(query.limit, 50, 200);
    const rows = await repo.list(this.db, {
      today: this.today(), carrierOrgId: carrierScope(p), state: query.state ?? null, district: query.district ?? null, org: query.org ?? null,
      overdue: query.overdue === 'true', dueWithinDays: query.due_within_days === undefined ? null : Number(query.due_within_days),
      q: query.q?.trim() || null, beforeId: query.cursor ? Number(query.cursor) : null, limit,
    });
    return { items: rows.map(summary), next_cursor: rows.length === limit ? String(rows.at(-1)!.id) : null };
  }

  async map(p: Principal, bbox: string | undefined) {
    if (!bbox) throw badRequest('bbox_required', 'bbox is required: minLng,minLat,maxLng,maxLat.');
    return repo.mapFeatures(this.db, parseBbox(bbox), this.today(), carrierScope(p), 5000);
  }

  async get(id: number, p: Principal) {
    const today = this.today();
    const c = await repo.byId(this.db, id, today);
    if (!c) throw notFound(`Case ${id}`);
    assertVisible(p, c);
    return caseDetail(this.db, c, p, today);
  }

  async create(input: NewCaseInput, ctx: RequestContext) {
    const now = this.now();
    const today = shanghaiToday(now);
    const by = actorLabel(ctx.principal);
    if (!input.description.trim()) throw unprocessable('description_required', 'Describe what was found (description).');
    return this.db.tx(async (q) => {
      const poles = await candidates(q, input.pole_ids);
      const missing = input.pole_ids.filter((id) => !poles.some((p) => p.id === id));
      if (missing.length) throw unprocessable('unknown_poles', `No pole has the id ${missing.join(', ')}.`, { pole_ids: missing });
      const removed = poles.filter((p) => p.status === 'removed');
      if (removed.length) throw unprocessable('pole_removed', `Pole ${removed.map((p) => p.code).join(', ')} has already been removed.`, { pole_codes: removed.map((p) => p.code) });
      const taken = poles.filter((p) => p.open_case !== null);
      if (taken.length) {
        throw new DomainError('pole_in_open_case', 409, `Pole ${taken.map((p) => `${p.code} (${p.open_case})`).join(', ')} is already part of an open case.`, { poles: taken.map((p) => ({ code: p.code, case: p.open_case })) });
      }
      const org = input.responsible_org ? await this.partyOrg(q, input.responsible_org) : proposeResponsible(poles);
      const officerIds = [...new Set([...(ctx.principal.role === 'officer' && ctx.principal.userId ? [ctx.principal.userId] : []), ...(input.officer_ids ?? [])])];
      await this.checkOfficers(q, officerIds);
      const year = Number(today.slice(0, 4));
      const number = caseNumber(this.config.cases, year, await repo.nextCounter(q, 'case', year));
      const id = await repo.insert(q, { number, category: input.category, description: input.description.trim(), poleIds: input.pole_ids, responsibleOrgId: org?.id ?? null, by, now });
      if (officerIds.length) await officersRepo.replaceOfficers(q, id, officerIds, by, now);
      const details = { category: input.category, pole_ids: input.pole_ids, responsible_org: org?.code ?? null, proposed: !input.responsible_org, officer_ids: officerIds };
      await events.insertEvent(q, { caseId: id, action: 'create', from: null, to: 'found', actor: by, at: now, reason: null, details, documentId: null });
      await recordAudit(q, ctx, { action: 'case.create', entityType: 'case', entityId: id, after: { number, ...details } });
      return caseDetail(q, (await repo.byId(q, id, today))!, ctx.principal, today);
    });
  }

  private async partyOrg(q: Queryable, code: string): Promise<Org> {
    const org = await orgByCodeFull(q, code);
    if (!org) throw unprocessable('unknown_organisation', `No organisation has the code "${code}".`);
    if (org.kind === 'enforcement') throw unprocessable('not_a_party', 'The enforcement authority cannot be the party of its own case.');
    return org;
  }

  private async checkOfficers(q: Queryable, ids: number[]): Promise<void> {
    if (ids.length === 0) return;
    const ok = new Set(await officersRepo.enabledOfficers(q, ids));
    const bad = ids.filter((id) => !ok.has(id));
    if (bad.length) throw unprocessable('not_an_officer', `User ${bad.join(', ')} is not an active enforcement officer.`, { user_ids: bad });
  }

  /** Locks a case for an edit that is not a step: it must be visible and not finished. */
  private async lockOpen(q: Queryable, id: number, today: string): Promise<repo.CaseRow> {
    const c = await repo.byId(q, id, today, true);
    if (!c) throw notFound(`Case ${id}`);
    if (c.state === 'closed' || c.state === 'withdrawn') throw new DomainError('case_closed', 409, `This case is ${c.state}; it can no longer be changed.`);
    return c;
  }

  /** The officers who may be put on a case; officers choose their colleagues, so this is not admin-only. */
  async officerDirectory() {
    return { items: await officersRepo.activeOfficers(this.db) };
  }

  async setOfficers(id: number, userIds: number[], ctx: RequestContext) {
    const now = this.now();
    const today = shanghaiToday(now);
    const by = actorLabel(ctx.principal);
    return this.db.tx(async (q) => {
      const c = await this.lockOpen(q, id, today);
      const ids = [...new Set(userIds)];
      await this.checkOfficers(q, ids);
      const change = await officersRepo.replaceOfficers(q, id, ids, by, now);
      const version = await repo.update(q, id, {}, now);
      await events.insertEvent(q, { caseId: id, action: 'set_officers', from: c.state, to: c.state, actor: by, at: now, reason: null, details: { ...change, officer_ids: ids }, documentId: null });
      await recordAudit(q, ctx, { action: 'case.officers', entityType: 'case', entityId: id, before: { version: c.version }, after: { version, officer_ids: ids, ...change } });
      return caseDetail(q, (await repo.byId(q, id, today))!, ctx.principal, today);
    });
  }

  async setResponsible(id: number, code: string, reason: string, ctx: RequestContext) {
    const now = this.now();
    const today = shanghaiToday(now);
    const by = actorLabel(ctx.principal);
    return this.db.tx(async (q) => {
      const c = await this.lockOpen(q, id, today);
      if (!PARTY_OPEN_STATES.has(c.state)) {
        throw new DomainError('party_fixed', 409, 'The order to correct has been served on the responsible organisation; the party can no longer change. Withdraw the case and open a new one.');
      }
      const org = await this.partyOrg(q, code);
      if (org.id === c.responsible_org_id) throw unprocessable('no_change', `${org.code} is already the responsible organisation.`);
      const version = await repo.update(q, id, { responsible_org_id: org.id }, now);
      const details = { from: c.responsible_org?.code ?? null, to: org.code };
      await events.insertEvent(q, { caseId: id, action: 'change_responsible', from: c.state, to: c.state, actor: by, at: now, reason: reason.trim(), details, documentId: null });
      await recordAudit(q, ctx, { action: 'case.responsible', entityType: 'case', entityId: id, before: { version: c.version, responsible_org: details.from }, after: { version, responsible_org: org.code, reason } });
      return caseDetail(q, (await repo.byId(q, id, today))!, ctx.principal, today);
    });
  }

  stats(rawYear: string | undefined) {
    return stats(this.db, parseYear(rawYear, this.now()), this.today());
  }
}
