import type { Db, Queryable } from '../db/db.types.ts';
import type { Config } from '../config/config.ts';
import { DomainError, notFound, unprocessable } from '../http/errors.ts';
import type { RequestContext } from '../http/request.context.ts';
import { actorLabel, type Principal } from '../auth/principal.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { validateGeometry, type GeometryInput } from '../geo/geometry.input.ts';
import { ownershipStatus } from '../ownership/ownership.rules.ts';
import { acceptPhoto } from '../photos/photos.accept.ts';
import { findPhoto, insertPhoto, photoUrl } from '../photos/photos.repo.ts';
import type { PhotoStore } from '../photos/photos.store.ts';
import * as poles from '../poles/poles.repo.ts';
import * as repo from './claims.repo.ts';

const CITY = new Set(['officer', 'admin']);
const isCity = (p: Principal) => p.role !== null && CITY.has(p.role);

function carrierOrg(p: Principal): number {
  if (p.role !== 'carrier' || p.orgId === null) throw new DomainError('forbidden', 403, 'Only a carrier files claims, and only for its own firm.');
  return p.orgId;
}

/** A claim is visible to its own firm and to the city; to anyone else it does not exist. */
function assertCanSee(p: Principal, c: repo.ClaimRow): void {
  if (isCity(p) || (p.role === 'carrier' && p.orgId === c.org_id)) return;
  throw notFound(`Claim ${c.id}`);
}

export interface NewClaim {
  pole_id: number;
  kind: 'claim' | 'disclaim';
  evidence_text: string;
}

export class ClaimService {
  constructor(
    private readonly db: Db,
    private readonly config: Config,
    private readonly photos: PhotoStore,
  ) {}

  /**
   * After any change to a pole's claims: derive its ownership status from the facts,
   * write it (the database trigger vets the transition), and log the event in its history.
   */
  private async settle(q: Queryable, poleId: number, ownerOrgId: number | null, before: poles.PoleRow, ctx: RequestContext, action: string, details: Record<string, unknown>) {
    const open = await repo.openClaims(q, poleId);
    const status = ownershipStatus({
      ownerOrgId,
      openClaimOrgIds: open.filter((c) => c.kind === 'claim').map((c) => c.org_id),
      noticeLapsed: await repo.noticeLapsed(q, poleId),
    });
    const changed = status !== before.ownership_status || ownerOrgId !== before.owner_org_id;
    const version = changed ? await poles.setOwnership(q, poleId, ownerOrgId, status) : await poles.touch(q, poleId);
    await poles.appendHistory(q, {
      poleId, version, action, actor: actorLabel(ctx.principal), requestId: ctx.requestId,
      changes: { ...details, ...(changed ? { ownership_status: [before.ownership_status, status], owner_org_id: [before.owner_org_id, ownerOrgId] } : {}) },
    });
  }

  private async lockPole(q: Queryable, id: number): Promise<poles.PoleRow> {
    const pole = await poles.findById(q, id, true);
    if (!pole) throw notFound(`Pole ${id}`);
    if (pole.status === 'removed') throw new DomainError('not_claimable', 409, 'This pole has been removed; its ownership is closed.');
    return pole;
  }

  private async fileOne(q: Queryable, input: NewClaim, ctx: RequestContext): Promise<number> {
    const orgId = carrierOrg(ctx.principal);
    const pole = await this.lockPole(q, input.pole_id);
    if (input.kind === 'claim' && pole.owner_org_id === orgId) throw new DomainError('not_claimable', 409, 'This pole is already confirmed as your firm’s.');
    if (input.kind === 'disclaim' && pole.owner_org_id !== orgId) throw new DomainError('not_claimable', 409, 'Only the confirmed owner can disclaim a pole.');
    if ((await repo.openClaims(q, pole.id)).some((c) => c.org_id === orgId)) {
      throw new DomainError('claim_exists', 409, 'Your firm already has an open claim on this pole; wait for the officer’s decision or withdraw it.');
    }
    const id = await repo.insert(q, { poleId: pole.id, orgId, kind: input.kind, evidence: input.evidence_text, createdBy: actorLabel(ctx.principal) });
    const notice = input.kind === 'claim' ? await repo.cancelActiveNotice(q, pole.id, `claim #${id}`) : null;
    await this.settle(q, pole.id, pole.owner_org_id, pole, ctx, input.kind, { claim_id: id, org: ctx.principal.orgCode, ...(notice ? { notice_cancelled: notice } : {}) });
    await recordAudit(q, ctx, { action: `claim.${input.kind === 'claim' ? 'create' : 'disclaim'}`, entityType: 'claim', entityId: id, after: { pole_id: pole.id, org: ctx.principal.orgCode, evidence_text: input.evidence_text } });
    return id;
  }

  async create(input: NewClaim, ctx: RequestContext): Promise<repo.ClaimRow> {
    return this.db.tx(async (q) => repo.byId(q, await this.fileOne(q, input, ctx)) as Promise<repo.ClaimRow>);
  }

  /** Claims every orphan pole in a drawn area, up to the cap; each still waits for an officer. */
  async bulk(area: GeometryInput, evidence: string, ctx: RequestContext) {
    const orgId = carrierOrg(ctx.principal);
    const cap = this.config.ownership.bulkClaimCap;
    return this.db.tx(async (q) => {
      const geojson = await validateGeometry(q, area, { allowed: ['Polygon', 'MultiPolygon'] });
      const { ids, found } = await repo.claimableInArea(q, geojson, orgId);
      if (found > cap) {
        throw unprocessable('bulk_cap_exceeded', `The area holds ${found} orphan poles; at most ${cap} can be claimed at once — draw a smaller area.`, { cap, found });
      }
      // Bounded by the cap, and each pole needs its own status derivation and history entry.
      const created: number[] = [];
      for (const poleId of ids) created.push(await this.fileOne(q, { pole_id: poleId, kind: 'claim', evidence_text: evidence }, ctx));
      const claims = await Promise.all(created.map((id) => repo.byId(q, id) as Promise<repo.ClaimRow>));
      return { created: created.length, claims };
    });
  }

  async decide(id: number, decision: 'accept' | 'reject', reason: string, ctx: RequestContext): Promise<repo.ClaimRow> {
    return this.db.tx(async (q) => {
      const claim = await repo.byId(q, id, true);
      if (!claim) throw notFound(`Claim ${id}`);
      if (claim.status !== 'open') throw new DomainError('claim_not_open', 409, `This claim was already ${claim.status}.`);
      const pole = await this.lockPole(q, claim.pole_id);
      const by = actorLabel(ctx.principal);
      let owner = pole.owner_org_id;
      const closedOthers: number[] = [];
      if (decision === 'accept') {
        await repo.close(q, [id], 'accepted', by, reason);
        if (claim.kind === 'claim') {
          owner = claim.org_id;
          // One owner wins; the rival claims end with a reason that names the winner.
          const rivals = (await repo.openClaims(q, pole.id)).filter((c) => c.kind === 'claim').map((c) => c.id);
          closedOthers.push(...(await repo.close(q, rivals, 'rejected', by, `claim #${id} by ${claim.org_code} was accepted: ${reason}`)));
        } else {
          owner = null;
        }
      } else {
        await repo.close(q, [id], 'rejected', by, reason);
      }
      await this.settle(q, pole.id, owner, pole, ctx, decision === 'accept' ? 'claim_accepted' : 'claim_rejected', {
        claim_id: id, org: claim.org_code, kind: claim.kind, reason, ...(closedOthers.length ? { rivals_rejected: closedOthers } : {}),
      });
      await recordAudit(q, ctx, { action: `claim.${decision}`, entityType: 'claim', entityId: id, before: { status: 'open' }, after: { status: decision === 'accept' ? 'accepted' : 'rejected', reason, rivals_rejected: closedOthers } });
      return (await repo.byId(q, id))!;
    });
  }

  async withdraw(id: number, ctx: RequestContext): Promise<repo.ClaimRow> {
    return this.db.tx(async (q) => {
      const claim = await repo.byId(q, id, true);
      if (!claim || ctx.principal.orgId !== claim.org_id || ctx.principal.role !== 'carrier') throw notFound(`Claim ${id}`);
      if (claim.status !== 'open') throw new DomainError('claim_not_open', 409, `This claim was already ${claim.status}.`);
      const pole = await this.lockPole(q, claim.pole_id);
      await repo.close(q, [id], 'withdrawn', actorLabel(ctx.principal), null);
      await this.settle(q, pole.id, pole.owner_org_id, pole, ctx, 'claim_withdrawn', { claim_id: id, org: claim.org_code });
      await recordAudit(q, ctx, { action: 'claim.withdraw', entityType: 'claim', entityId: id, before: { status: 'open' }, after: { status: 'withdrawn' } });
      return (await repo.byId(q, id))!;
    });
  }

  list(p: Principal, f: { status?: string; pole_id?: number; limit: number }) {
    if (!isCity(p) && p.role !== 'carrier') throw new DomainError('forbidden', 403, 'Claims are visible to officers and to the claiming firm.');
    return repo.list(this.db, { status: f.status ?? null, poleId: f.pole_id ?? null, orgId: isCity(p) ? null : p.orgId, limit: f.limit });
  }

  async get(id: number, p: Principal): Promise<repo.ClaimRow> {
    const c = await repo.byId(this.db, id);
    if (!c) throw notFound(`Claim ${id}`);
    assertCanSee(p, c);
    return c;
  }

  async addPhoto(id: number, bytes: Buffer, ctx: RequestContext) {
    const claim = await this.get(id, ctx.principal);
    if (claim.status !== 'open') throw new DomainError('claim_not_open', 409, 'Evidence can be added only while the claim is open.');
    // The file is durable before the row that points to it commits.
    const ph = await acceptPhoto(bytes, this.photos, this.config.photos.maxPixels);
    return this.db.tx(async (q) => {
      const photoId = await insertPhoto(q, 'claim', id, ph, actorLabel(ctx.principal));
      await recordAudit(q, ctx, { action: 'claim.photo', entityType: 'claim', entityId: id, after: { photo_id: photoId, sha256: ph.sha256, mime: ph.mime, bytes: ph.bytes } });
      return { id: photoId, url: photoUrl('claim', id, photoId), mime: ph.mime, bytes: ph.bytes, sha256: ph.sha256 };
    });
  }

  async readPhoto(id: number, photoId: number, p: Principal): Promise<{ bytes: Buffer; mime: string }> {
    await this.get(id, p);
    const ph = await findPhoto(this.db, 'claim', id, photoId);
    if (!ph) throw notFound(`Photo ${photoId}`);
    return { bytes: await this.photos.read(ph.storage_key), mime: ph.mime };
  }
}
