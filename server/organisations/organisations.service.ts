import type { Db, Queryable } from '../db/db.types.ts';
import { notFound, unprocessable } from '../http/errors.ts';
import type { RequestContext } from '../http/request.context.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { districtIdByCode } from '../users/users.repo.ts';
import * as repo from './organisations.repo.ts';

export interface OrganisationInput {
  code: string;
  name_zh: string;
  legal_name_zh?: string | null;
  name_en: string;
  kind: 'carrier' | 'enforcement' | 'district_office' | 'housing' | 'other';
  colour?: string | null;
  district?: string | null;
}

export type OrganisationPatch = Partial<Pick<OrganisationInput, 'name_zh' | 'legal_name_zh' | 'name_en' | 'colour' | 'district'>>;

const auditView = ({ id: _id, ...rest }: repo.OrganisationRow) => rest;

export class OrganisationService {
  constructor(private readonly db: Db) {}

  list() {
    return repo.list(this.db);
  }

  private async districtId(q: Queryable, code: string | null | undefined): Promise<number | null | undefined> {
    if (code === undefined || code === null) return code;
    const id = await districtIdByCode(q, code);
    if (id === undefined) throw unprocessable('unknown_district', `No district has the code "${code}".`);
    return id;
  }

  async create(input: OrganisationInput, ctx: RequestContext) {
    return this.db.tx(async (q) => {
      const id = await repo.insert(q, {
        code: input.code, name_zh: input.name_zh, legal_name_zh: input.legal_name_zh ?? null, name_en: input.name_en, kind: input.kind,
        colour: input.colour ?? null, district_id: (await this.districtId(q, input.district)) ?? null,
      });
      const row = (await repo.byId(q, id))!;
      await recordAudit(q, ctx, { action: 'organisation.create', entityType: 'organisation', entityId: id, after: auditView(row) });
      return row;
    });
  }

  /** Code and kind are identity: renaming a firm is fine, turning it into another is not. */
  async update(id: number, input: OrganisationPatch, ctx: RequestContext) {
    return this.db.tx(async (q) => {
      const before = await repo.byId(q, id, true);
      if (!before) throw notFound(`Organisation ${id}`);
      await repo.update(q, id, { name_zh: input.name_zh, legal_name_zh: input.legal_name_zh, name_en: input.name_en, colour: input.colour, district_id: await this.districtId(q, input.district) });
      const after = (await repo.byId(q, id))!;
      await recordAudit(q, ctx, { action: 'organisation.update', entityType: 'organisation', entityId: id, before: auditView(before), after: auditView(after) });
      return after;
    });
  }
}
