import type { Db, Queryable } from '../db/db.types.ts';
import { notFound, unprocessable } from '../http/errors.ts';
import type { RequestContext } from '../http/request.context.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { hashPassword } from '../auth/auth.passwords.ts';
import type { Role } from '../auth/principal.ts';
import * as repo from './users.repo.ts';

export interface CreateUserInput {
  username: string;
  display_name: string;
  role: Role;
  org?: string | null;
  district?: string | null;
  password: string;
  is_org_admin?: boolean;
}

export type UpdateUserInput = Partial<Omit<CreateUserInput, 'username'>> & { disabled?: boolean };

/** What the audit log keeps of a user: never the password or its hash. */
const auditView = (u: repo.UserListRow) => ({
  username: u.username, display_name: u.display_name, role: u.role, org: u.org_code, district: u.district_code,
  disabled: u.disabled, is_org_admin: u.is_org_admin,
});

export class UserService {
  constructor(private readonly db: Db) {}

  list() {
    return repo.list(this.db);
  }

  /** Role, firm and district must fit together; the database only knows part of that. */
  private async resolveRefs(q: Queryable, role: Role, org: string | null, district: string | null, isOrgAdmin: boolean) {
    const o = org ? await repo.orgByCode(q, org) : undefined;
    if (org && !o) throw unprocessable('unknown_organisation', `No organisation has the code "${org}".`);
    if (role === 'carrier' && o?.kind !== 'carrier') throw unprocessable('carrier_needs_firm', 'A carrier account must belong to one of the carrier firms.');
    if (role !== 'carrier' && o?.kind === 'carrier') throw unprocessable('firm_needs_carrier_role', 'Accounts of a carrier firm must have the carrier role.');
    if (isOrgAdmin && role !== 'carrier') throw unprocessable('org_admin_needs_carrier', 'Only carrier accounts can administer their firm’s tokens.');
    const districtId = district ? await repo.districtIdByCode(q, district) : null;
    if (district && districtId === undefined) throw unprocessable('unknown_district', `No district has the code "${district}".`);
    return { orgId: o?.id ?? null, districtId: districtId ?? null };
  }

  async create(input: CreateUserInput, ctx: RequestContext) {
    const passwordHash = await hashPassword(input.password);
    return this.db.tx(async (q) => {
      const refs = await this.resolveRefs(q, input.role, input.org ?? null, input.district ?? null, input.is_org_admin ?? false);
      const id = await repo.insert(q, {
        username: input.username, display_name: input.display_name, role: input.role, org_id: refs.orgId,
        district_id: refs.districtId, password_hash: passwordHash, is_org_admin: input.is_org_admin ?? false,
      });
      const row = (await repo.byId(q, id))!;
      await recordAudit(q, ctx, { action: 'user.create', entityType: 'user', entityId: id, after: auditView(row) });
      return row;
    });
  }

  async update(id: number, input: UpdateUserInput, ctx: RequestContext) {
    const passwordHash = input.password ? await hashPassword(input.password) : undefined;
    return this.db.tx(async (q) => {
      const before = await repo.byId(q, id, true);
      if (!before) throw notFound(`User ${id}`);
      const role = input.role ?? (before.role as Role);
      const org = input.org !== undefined ? input.org : before.org_code;
      const district = input.district !== undefined ? input.district : before.district_code;
      const refs = await this.resolveRefs(q, role, org, district, input.is_org_admin ?? before.is_org_admin);
      await repo.update(q, id, {
        display_name: input.display_name, role: input.role, org_id: refs.orgId, district_id: refs.districtId,
        password_hash: passwordHash, is_org_admin: input.is_org_admin, disabled: input.disabled,
      });
      // Whoever loses access or a password loses the sessions opened with the old state.
      if (input.disabled === true || passwordHash || input.role) await repo.revokeSessions(q, id);
      const after = (await repo.byId(q, id))!;
      await recordAudit(q, ctx, {
        action: 'user.update', entityType: 'user', entityId: id,
        before: auditView(before), after: { ...auditView(after), ...(passwordHash ? { password_changed: true } : {}) },
      });
      return after;
    });
  }
}
