import type { Db } from '../db/db.types.ts';
import type { Config } from '../config/config.ts';
import { DomainError, badRequest, notFound, unprocessable } from '../http/errors.ts';
import { parseDay, shanghaiToday } from '../http/dates.ts';
import { parseLimit } from '../http/paging.ts';
import type { RequestContext } from '../http/request.context.ts';
import { actorLabel, type Principal } from '../auth/principal.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { orgByCode } from '../users/users.repo.ts';
import { acceptPhoto } from '../photos/photos.accept.ts';
import { findPhoto, insertPhoto, photoUrl } from '../photos/photos.repo.ts';
import type { PhotoStore } from '../photos/photos.store.ts';
import * as poles from '../poles/poles.repo.ts';
import * as repo from './removals.repo.ts';

export interface RecordRemovalInput {
  pole_id: number;
  removed_on: string;
  org?: string;
  note?: string | null;
}

const view = (r: repo.RemovalRow) => ({ pole: r.pole_code, removed_on: r.removed_on, org: r.org_code, status: r.status, campaign: r.campaign_code });

export class RemovalService {
  constructor(
    private readonly db: Db,
    private readonly config: Config,
    private readonly photos: PhotoStore,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Who did it: a carrier records its own work; an officer names the organisation. */
  private async doer(p: Principal, org: string | undefined): Promise<number> {
    if (p.role === 'carrier') {
      if (org !== undefined && org !== p.orgCode) throw new DomainError('forbidden', 403, 'A carrier records only removals its own firm carried out.');
      return p.orgId!;
    }
    if (!org) throw unprocessable('org_required', 'Name the organisation that pulled the pole (org).');
    const o = await orgByCode(this.db, org);
    if (!o) throw unprocessable('unknown_organisation', `No organisation has the code "${org}".`);
    return o.id;
  }

  async record(input: RecordRemovalInput, ctx: RequestContext): Promise<repo.RemovalRow> {
    const day = parseDay('removed_on', input.removed_on);
    if (day > shanghaiToday(this.now())) throw unprocessable('date_in_future', 'A removal cannot be dated in the future.');
    if (day < '2000-01-01') throw unprocessable('date_too_early', 'removed_on is before the registry’s records begin.');
    const orgId = await this.doer(ctx.principal, input.org);
    return this.db.tx(async (q) => {
      const pole = await poles.findById(q, input.pole_id, true);
      if (!pole) throw notFound(`Pole ${input.pole_id}`);
      if (pole.status === 'removed') throw new DomainError('already_removed', 409, 'This pole is already recorded as removed.');
      if (ctx.principal.role === 'carrier' && !(await repo.firmAnswersFor(q, pole.id, orgId))) {
        throw new DomainError('not_your_pole', 403, 'Your firm neither owns this pole nor has cables on it.');
      }
      const by = actorLabel(ctx.principal);
      const id = await repo.insert(q, { poleId: pole.id, day, orgId, campaignId: await repo.campaignFor(q, day), note: input.note ?? null, previous: pole.status, by });
      const version = await repo.markPoleRemoved(q, pole.id, day, orgId);
      await poles.appendHistory(q, { poleId: pole.id, version, action: 'remove', actor: by, requestId: ctx.requestId, changes: { removal_id: id, status: [pole.status, 'removed'], removed_on: day } });
      const row = (await repo.byId(q, id))!;
      await recordAudit(q, ctx, { action: 'removal.record', entityType: 'removal', entityId: id, after: view(row) });
      return row;
    });
  }

  async verify(id: number, ctx: RequestContext): Promise<repo.RemovalRow> {
    return this.db.tx(async (q) => {
      const r = await repo.byId(q, id, true);
      if (!r) throw notFound(`Removal ${id}`);
      if (r.status !== 'recorded') throw new DomainError('removal_not_pending', 409, `This removal is already ${r.status}.`);
      const by = actorLabel(ctx.principal);
      await repo.setStatus(q, id, 'verified', by, null);
      const version = await poles.touch(q, r.pole_id);
      await poles.appendHistory(q, { poleId: r.pole_id, version, action: 'verify_removal', actor: by, requestId: ctx.requestId, changes: { removal_id: id } });
      const after = (await repo.byId(q, id))!;
      await recordAudit(q, ctx, { action: 'removal.verify', entityType: 'removal', entityId: id, before: view(r), after: view(after) });
      return after;
    });
  }

  /** A wrong record is corrected, never deleted: it stays, voided with a reason, and the pole comes back. */
  async void(id: number, reason: string, ctx: RequestContext): Promise<repo.RemovalRow> {
    return this.db.tx(async (q) => {
      const r = await repo.byId(q, id, true);
      if (!r) throw notFound(`Removal ${id}`);
      if (r.status === 'voided') throw new DomainError('removal_voided', 409, 'This removal was already voided.');
      const by = actorLabel(ctx.principal);
      await repo.setStatus(q, id, 'voided', by, reason);
      const version = await repo.restorePole(q, r.pole_id, r.previous_status);
      await poles.appendHistory(q, { poleId: r.pole_id, version, action: 'restore', actor: by, requestId: ctx.requestId, changes: { removal_id: id, status: ['removed', r.previous_status], reason } });
      const after = (await repo.byId(q, id))!;
      await recordAudit(q, ctx, { action: 'removal.void', entityType: 'removal', entityId: id, before: view(r), after: { ...view(after), reason } });
      return after;
    });
  }

  async list(query: { status?: string; from?: string; to?: string; pole_id?: string; limit?: string; cursor?: string }) {
    if (query.cursor !== undefined && !/^[1-9]\d{0,9}$/.test(query.cursor)) throw badRequest('invalid_cursor', 'The paging cursor is not one this server handed out.');
    const limit = parseLimit(query.limit, 200, 2000);
    const items = await repo.list(this.db, {
      status: query.status ?? null,
      from: query.from ? parseDay('from', query.from) : null,
      to: query.to ? parseDay('to', query.to) : null,
      poleId: query.pole_id ? Number(query.pole_id) : null,
      beforeId: query.cursor ? Number(query.cursor) : null,
      limit,
    });
    return { items, next: items.length === limit ? String(items[items.length - 1]!.id) : null };
  }

  async get(id: number) {
    const r = await repo.byId(this.db, id);
    if (!r) throw notFound(`Removal ${id}`);
    return r;
  }

  async addPhoto(id: number, bytes: Buffer, ctx: RequestContext) {
    const r = await this.get(id);
    if (ctx.principal.role === 'carrier' && r.org_code !== ctx.principal.orgCode) throw notFound(`Removal ${id}`);
    const ph = await acceptPhoto(bytes, this.photos, this.config.photos.maxPixels);
    return this.db.tx(async (q) => {
      const photoId = await insertPhoto(q, 'removal', id, ph, actorLabel(ctx.principal));
      await recordAudit(q, ctx, { action: 'removal.photo', entityType: 'removal', entityId: id, after: { photo_id: photoId, sha256: ph.sha256 } });
      return { id: photoId, url: photoUrl('removal', id, photoId), mime: ph.mime, bytes: ph.bytes, sha256: ph.sha256 };
    });
  }

  async readPhoto(id: number, photoId: number) {
    await this.get(id);
    const ph = await findPhoto(this.db, 'removal', id, photoId);
    if (!ph) throw notFound(`Photo ${photoId}`);
    return { bytes: await this.photos.read(ph.storage_key), mime: ph.mime };
  }
}
