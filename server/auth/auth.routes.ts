import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { PUBLIC, roles } from '../http/policy.ts';
import { ROLES } from './principal.ts';
import { SESSION_COOKIE, type AuthService } from './auth.service.ts';
import { contextOf } from '../http/request.context.ts';

const TAG = { tags: ['auth'] };

const LoginBody = Type.Object(
  { username: Type.String({ minLength: 1, maxLength: 40 }), password: Type.String({ minLength: 1, maxLength: 200 }) },
  { additionalProperties: false },
);

declare module 'fastify' {
  interface FastifyRequest {
    csrfToken: string | null;
    sessionId: number | null;
  }
}

export function authRoutes(app: FastifyInstance, svc: AuthService, opts: { secureCookies: boolean; loginRatePerMinute: number }): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  // Neither sign-in nor sign-out is replayed from a stored answer: the answer carries a fresh
  // session (cookie and CSRF token) that must never sit in the idempotency store, and both are
  // safe to simply repeat.
  r.post('/api/auth/login', { config: { policy: PUBLIC, idempotency: false, rateLimit: { max: opts.loginRatePerMinute, timeWindow: 60_000 } }, schema: { ...TAG, summary: 'Sign in; sets an HttpOnly session cookie', body: LoginBody } }, async (req, reply) => {
    const res = await svc.login(req.body.username, req.body.password, contextOf(req));
    reply.setCookie(SESSION_COOKIE, res.token, { httpOnly: true, sameSite: 'strict', secure: opts.secureCookies, path: '/', maxAge: res.maxAgeSeconds });
    return { user: res.user, csrfToken: res.csrfToken };
  });

  r.post('/api/auth/logout', { config: { policy: roles(...ROLES), idempotency: false }, schema: { ...TAG, summary: 'Sign out and revoke this session' } }, async (req: FastifyRequest, reply) => {
    await svc.logout(req.sessionId, contextOf(req));
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true };
  });

  r.get('/api/auth/me', { config: { policy: PUBLIC }, schema: { ...TAG, summary: 'The signed-in user (or null) and the CSRF token for this session' } }, async (req) => ({
    user: await svc.me(req.principal),
    csrfToken: req.csrfToken,
  }));
}
