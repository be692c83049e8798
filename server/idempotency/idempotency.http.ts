import type { FastifyInstance, FastifyReply, FastifyRequest, RouteHandlerMethod, RouteOptions } from 'fastify';
import type {} from '@fastify/multipart';
import type { Principal } from '../auth/principal.ts';
import { runWithTxParticipant } from '../db/tx.participant.ts';
import { badRequest } from '../http/errors.ts';
import { parsedBodyFingerprint } from './idempotency.fingerprint.ts';
import { MultipartFingerprint } from './idempotency.multipart.ts';
import type { KeyScope, StoredResponse } from './idempotency.repo.ts';
import { IdempotentReplay, type IdempotencyService, type KeyedRequest } from './idempotency.service.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * Every POST under /api honours Idempotency-Key unless its route says `idempotency: false`
     * (sign-in, sign-out, one-time secrets: answers that must not be stored or replayed).
     * `true` opts a route in for all its methods (e.g. a PATCH an offline queue resends).
     */
    idempotency?: boolean;
  }
}

const HEADER = 'idempotency-key';
const KEY = /^[A-Za-z0-9_:.-]{8,128}$/;
/** Only what describes the body is replayed; cookies and per-request headers never are. */
const KEPT_HEADERS = ['content-type', 'etag', 'location', 'vary'];

/** The methods of a route that honour the header: POST under /api by default, or all of them when the route opts in. */
function keyedMethods(route: RouteOptions): string[] {
  const flag = route.config?.idempotency;
  const methods = [route.method].flat().map(String);
  if (flag === true) return methods;
  return flag === false || !route.url.startsWith('/api/') ? [] : methods.filter((m) => m === 'POST');
}

/** Keys belong to the account or token, not the session: a retry after signing in again still matches. */
function principalScope(p: Principal): string {
  if (p.kind === 'user') return `user:${p.userId}`;
  if (p.kind === 'token') return `token:${p.tokenId}`;
  return p.kind;
}

function keyOf(req: FastifyRequest): string | undefined {
  const raw = req.headers[HEADER];
  if (raw === undefined) return undefined;
  // Two headers arrive joined by ", " and fail the pattern, as they should.
  const key = Array.isArray(raw) ? raw.join(', ') : raw;
  if (!KEY.test(key)) throw badRequest('invalid_idempotency_key', 'Idempotency-Key must be 8–128 characters of letters, digits and _ - : . (a UUID works).');
  return key;
}

function replay(reply: FastifyReply, r: StoredResponse): FastifyReply {
  for (const [name, value] of Object.entries(r.headers)) reply.header(name, value);
  return reply.status(r.status).header('Idempotency-Replayed', 'true').send(r.body);
}

function captured(reply: FastifyReply, payload: unknown): StoredResponse | null {
  let body: Buffer;
  if (payload === null || payload === undefined) body = Buffer.alloc(0);
  else if (typeof payload === 'string') body = Buffer.from(payload);
  else if (Buffer.isBuffer(payload)) body = payload;
  else return null; // a streamed answer cannot be kept; a retry will hear "answer lost"
  const headers: Record<string, string> = {};
  for (const name of KEPT_HEADERS) {
    const v = reply.getHeader(name);
    if (v !== undefined) headers[name] = Array.isArray(v) ? v.join(', ') : String(v);
  }
  return { status: reply.statusCode, headers, body };
}

/** The header in the OpenAPI description of every route that honours it. */
function documented(schema: RouteOptions['schema']): RouteOptions['schema'] {
  if (schema?.headers) return schema;
  const description = 'Optional. Send the same key again to get the first answer back instead of a second write (24 h).';
  return { ...schema, headers: { type: 'object', properties: { [HEADER]: { type: 'string', description } } } };
}

/**
 * Idempotency for every creating POST, including routes registered long after this was
 * written: the handler of each matching route is wrapped when the route is added (onRoute),
 * so a new route gets it without a line of its own. Must be installed before any route and
 * before plugins that rewrite the payload in onSend (compression), so the stored answer is
 * the plain body.
 */
export function installIdempotency(app: FastifyInstance, svc: IdempotencyService): void {
  const keyed = new WeakMap<FastifyRequest, KeyedRequest>();

  app.addHook('onRoute', (route) => {
    const methods = keyedMethods(route);
    if (methods.length === 0) return;
    const handler = route.handler as RouteHandlerMethod;
    route.schema = documented(route.schema);
    route.handler = async function (this: FastifyInstance, req: FastifyRequest, reply: FastifyReply) {
      const key = methods.includes(req.method) ? keyOf(req) : undefined;
      if (key === undefined) return handler.call(this, req, reply);
      const scope: KeyScope = { principal: principalScope(req.principal), method: req.method, route: route.url, key };
      const multipart = typeof req.isMultipart === 'function' && req.isMultipart() ? new MultipartFingerprint(req.raw, req.method, req.url) : null;
      const parsed = multipart ? null : parsedBodyFingerprint(req.method, req.url, req.body);
      const release = svc.begin(scope, parsed);
      try {
        const earlier = await svc.lookup(scope, () => (multipart ? multipart.drain() : Promise.resolve(parsed!)));
        if (earlier) return replay(reply, earlier);
        const participant = svc.participant(scope, () => (multipart ? multipart.afterHandlerRead() : Promise.resolve(parsed!)), req.id);
        keyed.set(req, participant);
        return await runWithTxParticipant(participant, () => handler.call(this, req, reply));
      } catch (err) {
        if (err instanceof IdempotentReplay) return replay(reply, err.response);
        throw err;
      } finally {
        release();
      }
    } as RouteHandlerMethod;
  });

  // Whatever answer the request ends with — success or an error after its write committed —
  // is what a retry gets. Stored before it is sent, so a client that received it and retries
  // anyway is answered from the store, never with "in flight".
  app.addHook('onSend', async (req, reply, payload) => {
    const participant = keyed.get(req);
    if (participant?.keyId == null) return payload;
    keyed.delete(req);
    const response = captured(reply, payload);
    if (!response) {
      req.log.warn('idempotency: a streamed answer cannot be stored for replay');
      return payload;
    }
    await svc.storeResponse(participant.keyId, response).catch((err: Error) => req.log.warn({ err }, 'idempotency: the answer could not be stored'));
    return payload;
  });
}
