import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Db } from '../db/db.types.ts';
import { DomainError } from '../http/errors.ts';
import { ANONYMOUS, type Principal } from './principal.ts';
import { verifyPassword } from './auth.passwords.ts';
import * as repo from './auth.repo.ts';

export const SESSION_COOKIE = 'pw_session';
const SESSION_TTL_HOURS = 12;

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const newSecret = () => randomBytes(32).toString('base64url');

export interface Credentials {
  /** How the request tried to authenticate; decides whether CSRF applies. */
  sessionToken?: string;
}

export interface ResolvedCaller {
  principal: Principal;
  /** Present for cookie sessions: unsafe requests must echo it in X-CSRF-Token. */
  csrfToken: string | null;
  sessionId: number | null;
}

function principalOf(u: repo.UserRow): Principal {
  return { kind: 'user', userId: u.id, tokenId: null, name: u.username, role: u.role, orgId: u.org_id, orgCode: u.org_code, districtId: u.district_id };
}

export class AuthService {
  constructor(private readonly db: Db) {}

  async login(username: string, password: string, meta: { clientAddr: string | null; userAgent: string | null }) {
    const user = await repo.userByName(this.db, username);
    const ok = await verifyPassword(user?.password_hash, password);
    if (!user || !ok || user.disabled) {
      // One message for every failure: which part was wrong is for the owner of the account to know.
      throw new DomainError('invalid_credentials', 401, 'The username or password is wrong, or the account is disabled.');
    }
    const token = newSecret();
    const csrfToken = newSecret();
    await repo.createSession(this.db, { tokenHash: sha256(token), csrfToken, userId: user.id, ttlHours: SESSION_TTL_HOURS, ...meta });
    return { token, csrfToken, maxAgeSeconds: SESSION_TTL_HOURS * 3600, user: this.describe(principalOf(user), user.display_name) };
  }

  async resolve(c: Credentials): Promise<ResolvedCaller> {
    if (c.sessionToken) {
      const row = await repo.sessionByTokenHash(this.db, sha256(c.sessionToken));
      if (row) return { principal: principalOf(row), csrfToken: row.csrf_token, sessionId: row.session_id };
    }
    return { principal: ANONYMOUS, csrfToken: null, sessionId: null };
  }

  checkCsrf(expected: string | null, given: string | undefined): void {
    if (expected === null) return;
    const a = Buffer.from(expected);
    const b = Buffer.from(given ?? '');
    if (a.length !== b.length || !timingSafeEqual(a, b)) {
      throw new DomainError('csrf_failed', 403, 'This change was not sent by the polewatch page (missing or wrong X-CSRF-Token); reload the page and try again.');
    }
  }

  async logout(sessionId: number | null): Promise<void> {
    if (sessionId !== null) await repo.revokeSession(this.db, sessionId);
  }

  describe(p: Principal, displayName?: string) {
    return { id: p.userId, username: p.name, displayName: displayName ?? p.name, role: p.role, org: p.orgCode, districtId: p.districtId };
  }
}
