import type { Db, Queryable } from '../db/db.types.ts';
import { badRequest } from '../http/errors.ts';
import { parseLimit } from '../http/paging.ts';
import type { RequestContext } from '../http/request.context.ts';
import { actorLabel } from '../auth/principal.ts';
import * as repo from './audit.repo.ts';

export interface AuditEvent {
  action: string;
  entityType: string;
  entityId: string | number | null;
  before?: unknown;
  after?: unknown;
}

/**
 * Every write calls this inside its own transaction, so an audited change and its record
 * commit or vanish together.
 */
export async function recordAudit(q: Queryable, ctx: RequestContext, ev: AuditEvent): Promise<void> {
  await recordAuditMany(q, ctx, [ev]);
}

/** Many events by one caller in one statement, for bulk writes such as imports. */
export async function recordAuditMany(q: Queryable, ctx: RequestContext, events: AuditEvent[]): Promise<void> {
  const p = ctx.principal;
  const actor = {
    actorKind: p.kind,
    actorUserId: p.userId,
    actorTokenId: p.tokenId,
    actor: actorLabel(p),
    orgId: p.orgId,
    requestId: ctx.requestId,
    clientAddr: ctx.clientAddr,
  };
  await repo.insertMany(q, events.map((ev) => ({
    ...actor,
    action: ev.action,
    entityType: ev.entityType,
    entityId: ev.entityId === null ? null : String(ev.entityId),
    before: ev.before ?? null,
    after: ev.after ?? null,
  })));
}

export interface AuditQuery {
  entity_type?: string;
  entity_id?: string;
  actor?: string;
  action?: string;
  from?: string;
  to?: string;
  limit?: string;
  cursor?: string;
}

function time(name: string, raw: string | undefined): Date | null {
  if (raw === undefined || raw === '') return null;
  const d = new Date(raw);
  if (!/^\d{4}-\d{2}-\d{2}/.test(raw) || Number.isNaN(d.getTime())) throw badRequest('invalid_time', `${name} must be an ISO date or time, e.g. 2026-11-29T08:00:00Z.`);
  return d;
}

export class AuditService {
  constructor(private readonly db: Db) {}

  async list(q: AuditQuery) {
    const limit = parseLimit(q.limit, 100, 500);
    if (q.cursor !== undefined && !/^[1-9]\d{0,15}$/.test(q.cursor)) throw badRequest('invalid_cursor', 'The paging cursor is not one this server handed out.');
    const items = await repo.list(this.db, {
      entityType: q.entity_type || null,
      entityId: q.entity_id || null,
      actor: q.actor || null,
      action: q.action || null,
      from: time('from', q.from),
      to: time('to', q.to),
      beforeId: q.cursor ? Number(q.cursor) : null,
      limit,
    });
    return { items, next: items.length === limit ? String(items[items.length - 1]!.id) : null };
  }

  async verify() {
    const r = await repo.verifyChain(this.db);
    return { ok: r.firstBrokenId === null, ...r };
  }
}
