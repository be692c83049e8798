import type { FastifyError, FastifyInstance } from 'fastify';
import { DomainError, fromSqlState } from './errors.ts';

/**
 * One handler for every failure: domain errors and validation keep their 4xx, database
 * errors map through SQLSTATE, and anything else becomes a 500 that leaks nothing.
 */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    const domain = err instanceof DomainError ? err : fromSqlState(err);
    if (domain) {
      if (domain.status === 503) reply.header('Retry-After', '5');
      const wait = (domain.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
      if (typeof wait === 'number') reply.header('Retry-After', String(wait));
      return reply.status(domain.status).send({ error: { code: domain.code, message: domain.message, ...(domain.details ? { details: domain.details } : {}) } });
    }
    if (err.validation) {
      // Query strings and paths are the client's addressing (400); a body that parses but
      // breaks the schema is semantically wrong content (422), as BAD_INPUTS asks.
      const where = err.validationContext ?? 'request';
      const status = where === 'body' ? 422 : 400;
      const details = err.validation.map((v) => ({ path: `${where}${v.instancePath}`, message: v.message, params: v.params }));
      const first = details[0];
      return reply.status(status).send({
        error: { code: 'invalid_' + where, message: `Invalid ${where}: ${first ? `${first.path || where} ${first.message}` : err.message}`, details },
      });
    }
    const status = err.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      return reply.status(status).send({ error: { code: clientCode(err, status), message: err.message } });
    }
    req.log.error({ err }, 'unhandled error');
    return reply.status(500).send({ error: { code: 'internal', message: 'Something went wrong on the server; it has been logged.' } });
  });

  app.setNotFoundHandler((req, reply) =>
    reply.status(404).send({ error: { code: 'route_not_found', message: `No such endpoint: ${req.method} ${req.url.split('?')[0]}` } }),
  );
}

function clientCode(err: FastifyError, status: number): string {
  if (status === 413) return 'payload_too_large';
  if (status === 415) return 'unsupported_media_type';
  if (err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') return 'invalid_json';
  return (err.code ?? 'bad_request').toLowerCase().replace(/^fst_err_/, '');
}
