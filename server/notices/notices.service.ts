import type { Db } from '../db/db.types.ts';
import type { Config } from '../config/config.ts';
import { unprocessable } from '../http/errors.ts';
import type { RequestContext } from '../http/request.context.ts';
import { actorLabel } from '../auth/principal.ts';
import { recordAuditMany } from '../audit/audit.service.ts';
import { validateGeometry, type GeometryInput } from '../geo/geometry.input.ts';
import { appendHistoryMany, touchMany } from '../poles/poles.batch.ts';
import * as repo from './notices.repo.ts';

export interface NoticeInput {
  pole_ids?: number[];
  area?: GeometryInput;
  days?: number;
}

export class NoticeService {
  constructor(
    private readonly db: Db,
    private readonly config: Config,
    /** The clock is injected so tests can let a notice period pass. */
    private readonly now: () => Date = () => new Date(),
  ) {}

  async create(input: NoticeInput, ctx: RequestContext) {
    if (!input.pole_ids?.length && !input.area) throw unprocessable('nothing_selected', 'Name the poles (pole_ids) or draw an area.');
    const days = input.days ?? this.config.ownership.noticeDays;
    return this.db.tx(async (q) => {
      const area = input.area ? await validateGeometry(q, input.area, { allowed: ['Polygon', 'MultiPolygon'] }) : null;
      const notices = await repo.createFor(q, input.pole_ids ?? null, area, days, this.now(), actorLabel(ctx.principal));
      // A polygon may hold thousands of poles: versions, history and audit go in one statement each.
      const versions = await touchMany(q, notices.map((n) => n.pole_id));
      await appendHistoryMany(q, notices.map((n) => ({
        poleId: n.pole_id, version: versions.get(n.pole_id)!, action: 'notice', actor: actorLabel(ctx.principal), requestId: ctx.requestId,
        changes: { notice_id: n.id, ends_at: n.ends_at },
      })));
      await recordAuditMany(q, ctx, notices.map((n) => ({ action: 'notice.create', entityType: 'ownership_notice', entityId: n.id, after: { pole_id: n.pole_id, ends_at: n.ends_at } })));
      const asked = input.pole_ids?.length ?? notices.length;
      return { created: notices.length, skipped: Math.max(0, asked - notices.length), notices };
    });
  }

  list(status: string | null, limit: number) {
    return repo.list(this.db, status, limit);
  }

  /** Run by the in-server scheduler, `npm run jobs:run`, or an admin; repeating it is harmless. */
  async lapseDue(ctx: RequestContext): Promise<{ lapsed: number }> {
    return this.db.tx(async (q) => {
      const rows = await repo.lapseDue(q, this.now(), actorLabel(ctx.principal));
      await recordAuditMany(q, ctx, rows.map((r) => ({
        action: 'notice.lapse', entityType: 'pole', entityId: r.pole_id,
        before: { ownership_status: 'unknown' }, after: { ownership_status: 'presumed_abandoned', notice_id: r.notice_id },
      })));
      return { lapsed: rows.length };
    });
  }
}
