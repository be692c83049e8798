import type { Db } from '../db/db.types.ts';
import { DomainError, notFound, unprocessable } from '../http/errors.ts';
import type { RequestContext } from '../http/request.context.ts';
import { actorLabel } from '../auth/principal.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { orgByCode } from '../users/users.repo.ts';
import * as poles from '../poles/poles.repo.ts';
import * as repo from './attachments.repo.ts';

export interface AttachmentInput {
  org?: string;
  kind: 'fibre' | 'copper' | 'coax';
  cable_count: number;
  status: 'active' | 'abandoned' | 'removed';
}

export class AttachmentService {
  constructor(private readonly db: Db) {}

  forPole(poleId: number) {
    return repo.forPole(this.db, poleId);
  }

  /** Carriers declare their own cables; officers record what they see for any firm. */
  async declare(poleId: number, input: AttachmentInput, ctx: RequestContext) {
    const p = ctx.principal;
    return this.db.tx(async (q) => {
      let orgId: number;
      if (p.role === 'carrier') {
        if (input.org !== undefined && input.org !== p.orgCode) throw new DomainError('forbidden', 403, 'A carrier declares only its own firm’s cables.');
        orgId = p.orgId!;
      } else {
        if (!input.org) throw unprocessable('org_required', 'Name the firm whose cables you observed (org).');
        const org = await orgByCode(q, input.org);
        if (!org || org.kind !== 'carrier') throw unprocessable('unknown_organisation', `"${input.org}" is not a carrier firm.`);
        orgId = org.id;
      }
      const pole = await poles.findById(q, poleId, true);
      if (!pole) throw notFound(`Pole ${poleId}`);
      const before = await repo.find(q, poleId, orgId, input.kind);
      const id = await repo.upsert(q, { poleId, orgId, kind: input.kind, count: input.cable_count, status: input.status, source: p.role === 'carrier' ? 'carrier' : 'officer' });
      const after = (await repo.byId(q, id))!;
      const version = await poles.touch(q, poleId);
      const view = (a: repo.AttachmentRow | undefined) => a && { org: a.org_code, kind: a.kind, cable_count: a.cable_count, status: a.status, source: a.source };
      await poles.appendHistory(q, { poleId, version, action: 'attachment', actor: actorLabel(p), requestId: ctx.requestId, changes: { attachment: [view(before) ?? null, view(after)] } });
      await recordAudit(q, ctx, { action: before ? 'attachment.update' : 'attachment.create', entityType: 'attachment', entityId: id, before: view(before) ?? null, after: view(after) });
      return { created: !before, item: after };
    });
  }
}
