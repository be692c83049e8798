import type { FastifyRequest } from 'fastify';
import type { Principal } from '../auth/principal.ts';

/** What services need to know about the caller; nothing of Fastify travels below the route. */
export interface RequestContext {
  principal: Principal;
  requestId: string | null;
  clientAddr: string | null;
}

export const contextOf = (req: FastifyRequest): RequestContext => ({ principal: req.principal, requestId: req.id, clientAddr: req.ip });
