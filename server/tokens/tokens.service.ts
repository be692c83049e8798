import type { Db } from '../db/db.types.ts';
import { DomainError, notFound, unprocessable } from '../http/errors.ts';
import type { RequestContext } from '../http/request.context.ts';
import type { Principal } from '../auth/principal.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { newSecret, sha256 } from '../auth/auth.service.ts';
import { orgByCode } from '../users/users.repo.ts';
import * as repo from './tokens.repo.ts';

export interface CreateTokenInput {
  name: string;
  org: string;
  role: 'carrier' | 'viewer';
  expires_in_days?: number;
}

/**
 * Admins manage every firm's tokens; a carrier's own administrator manages only its firm's.
 * Returns the firm the caller is limited to, or null for all.
 */
function scopeOf(p: Principal): number | null {
  if (p.role === 'admin') return null;
  if (p.role === 'carrier' && p.isOrgAdmin && p.orgId !== null) return p.orgId;
  throw new DomainError('forbidden', 403, 'Only administrators and a firm’s own administrator manage API tokens.');
}

const auditView = (t: repo.TokenRow) => ({ name: t.name, org: t.org_code, role: t.role, expires_at: t.expires_at, revoked_at: t.revoked_at });

export class TokenService {
  constructor(private readonly db: Db) {}

  list(p: Principal) {
    return repo.list(this.db, scopeOf(p));
  }

  async create(input: CreateTokenInput, ctx: RequestContext) {
    const scope = scopeOf(ctx.principal);
    if (ctx.principal.userId === null) throw new DomainError('forbidden', 403, 'Tokens are issued by a signed-in person, not by another token.');
    return this.db.tx(async (q) => {
      const org = await orgByCode(q, input.org);
      if (!org) throw unprocessable('unknown_organisation', `No organisation has the code "${input.org}".`);
      if (scope !== null && org.id !== scope) throw new DomainError('forbidden', 403, 'You may issue tokens for your own firm only.');
      if (input.role === 'carrier' && org.kind !== 'carrier') throw unprocessable('carrier_needs_firm', 'A carrier token must belong to one of the carrier firms.');
      const secret = newSecret();
      const id = await repo.insert(q, {
        name: input.name, secretHash: sha256(secret), orgId: org.id, role: input.role,
        createdBy: ctx.principal.userId!, expiresInDays: input.expires_in_days ?? null,
      });
      const item = (await repo.byId(q, id))!;
      await recordAudit(q, ctx, { action: 'token.create', entityType: 'api_token', entityId: id, after: auditView(item) });
      // The only time the secret leaves the server.
      return { token: `pwt_${id}_${secret}`, item };
    });
  }

  async revoke(id: number, ctx: RequestContext) {
    const scope = scopeOf(ctx.principal);
    return this.db.tx(async (q) => {
      const before = await repo.byId(q, id, true);
      // Another firm's token is reported as missing: its existence is not the caller's business.
      if (!before || (scope !== null && before.org_id !== scope)) throw notFound(`Token ${id}`);
      await repo.revoke(q, id);
      const item = (await repo.byId(q, id))!;
      await recordAudit(q, ctx, { action: 'token.revoke', entityType: 'api_token', entityId: id, before: auditView(before), after: auditView(item) });
      return { item };
    });
  }
}
