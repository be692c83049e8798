import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Db } from '../db/db.types.ts';
import { DomainError } from '../http/errors.ts';
import type { RequestContext } from '../http/request.context.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { ANONYMOUS, type Principal } from './principal.ts';
import { verifyPassword } from './auth.passwords.ts';
import * as repo from './auth.repo.ts';

export const SESSION_COOKIE = 'pw_session';
const SESSION_TTL_HOURS = 12;
/** Five wrong passwords in fifteen minutes lock the account for the rest of that window. */
export const LOCKOUT = { failures: 5, windowMinutes: 15 };

export const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
export const newSecret = () => randomBytes(32).toString('base64url');

const TOKEN_PATTERN = /^pwt_([1-9]\d{0,9})_([A-Za-z0-9_-]{43})$/;

export interface Credentials {
  sessionToken?: string;
  /** The raw Authorization header, if any. */
  authorization?: string;
}

export interface ResolvedCaller {
  principal: Principal;
  /** Present for cookie sessions: unsafe requests must echo it in X-CSRF-Token. */
  csrfToken: string | null;
  sessionId: number | null;
}

export function principalOfUser(u: repo.UserRow): Principal {
  return {
    kind: 'user', userId: u.id, tokenId: null, name: u.username, role: u.role, orgId: u.org_id,
    orgCode: u.org_code, districtId: u.district_id, isOrgAdmin: u.is_org_admin,
  };
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export class AuthService {
  constructor(private readonly db: Db) {}

  async login(username: string, password: string, ctx: RequestContext) {
    const locked = await repo.recentFailures(this.db, username, LOCKOUT.windowMinutes);
    if (locked.n >= LOCKOUT.failures) {
      const minutes = Math.max(1, Math.ceil(locked.retry_after_s / 60));
      throw new DomainError('account_locked', 429, `Too many wrong passwords for this account. Try again in ${minutes} minute(s), or ask an administrator.`, {
        retryAfterSeconds: locked.retry_after_s,
      });
    }
    const user = await repo.userByName(this.db, username);
    const ok = await verifyPassword(user?.password_hash, password);
    if (!user || !ok || user.disabled) {
      await this.db.tx(async (q) => {
        await repo.recordLoginFailure(q, username, ctx.clientAddr);
        await recordAudit(q, ctx, { action: 'auth.login_failed', entityType: 'user', entityId: user?.id ?? null, after: { username } });
      });
      // One message for every failure: which part was wrong is for the owner of the account to know.
      throw new DomainError('invalid_credentials', 401, 'The username or password is wrong, or the account is disabled.');
    }
    const token = newSecret();
    const csrfToken = newSecret();
    const principal = principalOfUser(user);
    await this.db.tx(async (q) => {
      const sessionId = await repo.createSession(q, {
        tokenHash: sha256(token), csrfToken, userId: user.id, ttlHours: SESSION_TTL_HOURS, clientAddr: ctx.clientAddr, userAgent: null,
      });
      await repo.clearFailures(q, username);
      await repo.markLogin(q, user.id);
      await recordAudit(q, { ...ctx, principal }, { action: 'auth.login', entityType: 'session', entityId: sessionId });
    });
    return { token, csrfToken, maxAgeSeconds: SESSION_TTL_HOURS * 3600, user: describeUser(principal, user) };
  }

  async resolve(c: Credentials): Promise<ResolvedCaller> {
    if (c.authorization !== undefined) return { principal: await this.resolveBearer(c.authorization), csrfToken: null, sessionId: null };
    if (c.sessionToken) {
      const row = await repo.sessionByTokenHash(this.db, sha256(c.sessionToken));
      if (row) return { principal: principalOfUser(row), csrfToken: row.csrf_token, sessionId: row.session_id };
    }
    return { principal: ANONYMOUS, csrfToken: null, sessionId: null };
  }

  /** A wrong token is an error, never a silent fall-back to anonymous. */
  private async resolveBearer(header: string): Promise<Principal> {
    const m = /^Bearer (\S+)$/.exec(header.trim());
    const parts = m ? TOKEN_PATTERN.exec(m[1]!) : null;
    const row = parts ? await repo.liveToken(this.db, Number(parts[1])) : undefined;
    if (!parts || !row || !sameSecret(row.secret_hash, sha256(parts[2]!))) {
      throw new DomainError('invalid_token', 401, 'The API token is not valid, was revoked, or has expired.');
    }
    await repo.touchToken(this.db, row.id);
    return { kind: 'token', userId: null, tokenId: row.id, name: row.name, role: row.role, orgId: row.org_id, orgCode: row.org_code, districtId: null, isOrgAdmin: false };
  }

  checkCsrf(expected: string | null, given: string | undefined): void {
    if (expected === null) return;
    if (!sameSecret(expected, given ?? '')) {
      throw new DomainError('csrf_failed', 403, 'This change was not sent by the polewatch page (missing or wrong X-CSRF-Token); reload the page and try again.');
    }
  }

  async logout(sessionId: number | null, ctx: RequestContext): Promise<void> {
    if (sessionId === null) return;
    await this.db.tx(async (q) => {
      await repo.revokeSession(q, sessionId);
      await recordAudit(q, ctx, { action: 'auth.logout', entityType: 'session', entityId: sessionId });
    });
  }

  async me(p: Principal) {
    if (p.role === null) return null;
    if (p.kind === 'user') {
      const u = await repo.userByName(this.db, p.name);
      if (u) return describeUser(p, u);
    }
    return describeUser(p);
  }
}

/** The public face of the caller: never the hash, never a secret. */
export function describeUser(p: Principal, u?: repo.UserRow) {
  return {
    id: p.userId,
    username: p.name,
    displayName: u?.display_name ?? p.name,
    role: p.role,
    org: p.orgCode,
    orgNameZh: u?.org_name_zh ?? null,
    orgNameEn: u?.org_name_en ?? null,
    districtId: p.districtId,
    isOrgAdmin: p.isOrgAdmin,
  };
}
