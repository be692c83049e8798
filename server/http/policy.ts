import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Principal, Role } from '../auth/principal.ts';
import { DomainError } from './errors.ts';

/**
 * Every route states who may call it. `public` is a deliberate choice, not a default:
 * a route registered without a policy makes the server refuse to start.
 */
export type Policy = { public: true } | { roles: readonly Role[] };

export const PUBLIC: Policy = { public: true };
export const roles = (...r: Role[]): Policy => ({ roles: r });

declare module 'fastify' {
  interface FastifyContextConfig {
    policy?: Policy;
  }
  interface FastifyRequest {
    principal: Principal;
  }
}

export class MissingPolicyError extends Error {
  override name = 'MissingPolicyError';
}

/** Routes that plugins register for us (docs, static files): public by this one decision. */
const PLUGIN_PUBLIC = [/^\/docs(\/|$)/, /^\/(\*|assets\/\*)?$/];

export interface RouteEntry {
  method: string;
  url: string;
  policy: Policy;
}

/** Every route with its policy, in registration order: the access-matrix test walks this. */
const tables = new WeakMap<FastifyInstance, RouteEntry[]>();
export const routeTable = (app: FastifyInstance): readonly RouteEntry[] => tables.get(app) ?? [];

export type ResolvePrincipal = (req: FastifyRequest) => Promise<Principal>;

export function installPolicy(app: FastifyInstance, resolve: ResolvePrincipal): void {
  // Set per request in the hook below; a shared object default would leak between requests.
  app.decorateRequest('principal', null as unknown as Principal);
  const table: RouteEntry[] = [];
  tables.set(app, table);
  app.addHook('onRoute', (route) => {
    const config = (route.config ?? {}) as { policy?: Policy };
    let policy = config.policy;
    if (!policy && PLUGIN_PUBLIC.some((re) => re.test(route.url))) {
      policy = PUBLIC;
      route.config = { ...config, policy };
    }
    if (!policy) throw new MissingPolicyError(`route ${String(route.method)} ${route.url} declares no access policy`);
    for (const method of [route.method].flat()) table.push({ method: String(method), url: route.url, policy });
  });
  app.addHook('onRequest', async (req) => {
    const policy = req.routeOptions.config.policy;
    req.principal = await resolve(req);
    // Only the not-found handler runs without a policy (onRoute refuses the rest).
    if (!policy || 'public' in policy) return;
    const role = req.principal.role;
    if (role === null) throw new DomainError('unauthenticated', 401, 'Please sign in first.');
    if (!policy.roles.includes(role)) throw new DomainError('forbidden', 403, 'Your role may not do this.');
  });
}
