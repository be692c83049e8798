import type { Db } from '../db/db.types.ts';
import type { Config } from '../config/config.ts';
import { DomainError, badRequest, notFound, unprocessable } from '../http/errors.ts';
import { parseLimit } from '../http/paging.ts';
import { actorLabel, type Principal } from '../auth/principal.ts';
import type { RequestContext } from '../http/request.context.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { assertCanEdit, ownerForNewPole, polePermissions } from './poles.access.ts';
import { positionToWgs84 } from './poles.geometry.ts';
import { parsePoleFilter, type PoleFilterQuery } from './poles.filters.ts';
import type { InputCrs } from './poles.enums.ts';
import * as repo from './poles.repo.ts';
import { auditHalves, diff, snapshot } from './poles.history.ts';

export interface PointInput {
  type: 'Point';
  coordinates: number[];
}

export interface CreatePoleInput {
  code?: string;
  geometry: PointInput;
  crs?: InputCrs;
  owner?: string | null;
  material?: string;
  height_m?: number | null;
  install_year?: number | null;
  condition?: string;
  status?: 'in_service' | 'abandoned';
  cable_tangle?: boolean;
  road_id?: number | null;
  location_kind?: string;
  note?: string | null;
}

export type PatchPoleInput = Partial<Omit<CreatePoleInput, 'code'>> & { removal_candidate?: false };

/** Encodes the keyset position; opaque to clients so we may change paging later. */
const encodeCursor = (id: number) => Buffer.from(`p:${id}`).toString('base64url');
function decodeCursor(cursor: string | undefined): number {
  if (cursor === undefined || cursor === '') return 0;
  const m = /^p:(\d{1,10})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!m) throw badRequest('invalid_cursor', 'The paging cursor is not one this server handed out.');
  return Number(m[1]);
}

/** Height arrives as a number but is stored exactly with one decimal. */
export const heightText = (h: number | null | undefined) => (h === undefined ? undefined : h === null ? null : h.toFixed(1));

export class PoleService {
  constructor(
    private readonly db: Db,
    private readonly config: Config,
  ) {}

  async list(query: PoleFilterQuery & { limit?: string; cursor?: string }) {
    const filter = parsePoleFilter(query);
    const limit = parseLimit(query.limit, this.config.poles.defaultLimit, this.config.poles.maxLimit);
    const page = await repo.listFeatures(this.db, filter, decodeCursor(query.cursor), limit);
    return { ...page, limit, next: page.lastId === null ? null : encodeCursor(page.lastId) };
  }

  async summary(query: PoleFilterQuery & { zoom?: string }) {
    if (query.zoom === undefined || !/^\d{1,2}$/.test(query.zoom) || Number(query.zoom) > 22) {
      throw badRequest('invalid_zoom', 'zoom must be a whole number from 0 to 22.');
    }
    // Cells of about 64 screen pixels at this zoom (pole_cell_deg, migration 0015): small enough
    // to show where, big enough to stay few.
    return repo.summarise(this.db, parsePoleFilter(query), Number(query.zoom));
  }

  async get(id: number): Promise<repo.PoleRow> {
    const row = await repo.findById(this.db, id);
    if (!row) throw notFound(`Pole ${id}`);
    return row;
  }

  permissions(p: Principal, row: repo.PoleRow) {
    return polePermissions(p, row);
  }

  private async ownerId(q: Parameters<typeof repo.findOrgIdByCode>[0], code: string | null): Promise<number | null> {
    if (code === null) return null;
    const id = await repo.findOrgIdByCode(q, code);
    if (id === undefined) throw unprocessable('unknown_organisation', `No organisation has the code "${code}".`);
    return id;
  }

  async history(id: number) {
    await this.get(id);
    return repo.history(this.db, id, 500);
  }

  private async checkPoint(q: Parameters<typeof repo.inServiceArea>[0], geometry: PointInput, crs: InputCrs | undefined) {
    const pt = positionToWgs84(geometry.coordinates, crs);
    if (!(await repo.inServiceArea(q, pt.lng, pt.lat, this.config.serviceAreaBbox, this.config.serviceAreaMarginM))) {
      throw unprocessable('outside_service_area', `The point ${pt.lng}, ${pt.lat} is outside the city's service area.`);
    }
    return pt;
  }

  async create(input: CreatePoleInput, ctx: RequestContext): Promise<repo.PoleRow> {
    return this.db.tx(async (q) => {
      const pt = await this.checkPoint(q, input.geometry, input.crs);
      const ownerId = await this.ownerId(q, ownerForNewPole(ctx.principal, input.owner));
      if (input.road_id != null && !(await repo.roadExists(q, input.road_id))) throw unprocessable('unknown_road', `Road ${input.road_id} does not exist.`);
      const code = input.code ?? (await repo.nextCode(q, pt.lng, pt.lat));
      const id = await repo.insert(
        q,
        {
          code,
          lng: pt.lng,
          lat: pt.lat,
          source_crs: input.crs ?? 'wgs84',
          owner_org_id: ownerId,
          ownership_status: ownerId === null ? 'unknown' : 'confirmed',
          material: input.material ?? 'unknown',
          height_m: heightText(input.height_m) ?? null,
          install_year: input.install_year ?? null,
          condition: input.condition ?? 'good',
          status: input.status ?? 'in_service',
          cable_tangle: input.cable_tangle ?? false,
          road_id: input.road_id ?? null,
          location_kind: input.location_kind ?? 'street',
          note: input.note ?? null,
        },
        code,
      );
      const row = (await repo.findById(q, id))!;
      await repo.appendHistory(q, { poleId: id, version: 1, action: 'create', changes: snapshot(row), actor: actorLabel(ctx.principal), requestId: ctx.requestId });
      await recordAudit(q, ctx, { action: 'pole.create', entityType: 'pole', entityId: id, after: snapshot(row) });
      return row;
    });
  }

  async patch(id: number, ifMatch: string | undefined, input: PatchPoleInput, ctx: RequestContext): Promise<repo.PoleRow> {
    if (ifMatch === undefined) throw new DomainError('precondition_required', 428, 'Send If-Match with the ETag you read, so two edits cannot silently overwrite each other.');
    const expected = parseEtag(ifMatch, id);
    if (Object.keys(input).length === 0) throw unprocessable('empty_patch', 'Nothing to change: the body names no field.');
    return this.db.tx(async (q) => {
      const before = await repo.findById(q, id, true);
      if (!before) throw notFound(`Pole ${id}`);
      if (expected === null || before.version !== expected) {
        throw new DomainError('stale_version', 412, `The pole was changed since you read it (now version ${before.version}); reload and try again.`, { currentVersion: before.version });
      }
      assertCanEdit(ctx.principal, before, input.owner !== undefined, input.removal_candidate !== undefined);
      if (before.status === 'removed') throw new DomainError('pole_removed', 409, 'A removed pole cannot be edited.');
      const changes: repo.PoleChanges = {};
      if (input.geometry) {
        const pt = await this.checkPoint(q, input.geometry, input.crs);
        Object.assign(changes, { lng: pt.lng, lat: pt.lat, source_crs: input.crs ?? 'wgs84' });
      } else if (input.crs) {
        throw unprocessable('crs_without_geometry', 'crs describes the geometry; send it together with geometry.');
      }
      if (input.road_id != null && !(await repo.roadExists(q, input.road_id))) throw unprocessable('unknown_road', `Road ${input.road_id} does not exist.`);
      for (const k of ['material', 'install_year', 'condition', 'status', 'cable_tangle', 'road_id', 'location_kind', 'note'] as const) {
        if (input[k] !== undefined) (changes as Record<string, unknown>)[k] = input[k];
      }
      if (input.height_m !== undefined) changes.height_m = heightText(input.height_m);
      if (input.owner !== undefined) {
        // An officer's direct decision: a named owner is confirmed, none sends it back to unknown.
        changes.owner_org_id = await this.ownerId(q, input.owner);
        changes.ownership_status = changes.owner_org_id === null ? 'unknown' : 'confirmed';
      }
      if (input.removal_candidate === false) {
        if (!before.removal_candidate) throw new DomainError('not_a_removal_candidate', 409, 'This pole is not flagged for removal; there is nothing to lift.');
        changes.clear_removal_candidate = true;
      }
      const version = await repo.update(q, id, expected, changes);
      if (version === undefined) throw new DomainError('stale_version', 412, 'The pole was changed since you read it; reload and try again.');
      const after = (await repo.findById(q, id))!;
      const changed = diff(before, after);
      await repo.appendHistory(q, { poleId: id, version, action: 'update', changes: changed, actor: actorLabel(ctx.principal), requestId: ctx.requestId });
      await recordAudit(q, ctx, { action: 'pole.update', entityType: 'pole', entityId: id, ...auditHalves(changed) });
      return after;
    });
  }
}

/**
 * The ETag names the version and, when given, what the caller may do with it: the body's
 * `permissions` differ between callers, so a cached copy must not cross from one to another.
 * If-Match compares the version only.
 */
export function etagOf(row: Pick<repo.PoleRow, 'id' | 'version'>, perms?: { edit: boolean; editOwner: boolean; claim: boolean }): string {
  const suffix = perms ? `-${perms.editOwner ? 'o' : perms.edit ? 'e' : perms.claim ? 'c' : 'r'}` : '';
  return `"pole-${row.id}-v${row.version}${suffix}"`;
}

function parseEtag(raw: string, id: number): number | null {
  const m = /^(?:W\/)?"pole-(\d+)-v(\d+)(?:-[oecr])?"$/.exec(raw.trim());
  if (!m || Number(m[1]) !== id) return null;
  return Number(m[2]);
}
