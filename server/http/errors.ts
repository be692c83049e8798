import { isDbUnavailable } from '../db/db.errors.ts';

/**
 * The one error type the services raise, and the one place that turns database errors
 * into it. Everything a client sees is `{ error: { code, message, details? } }`.
 */
export class DomainError extends Error {
  override name = 'DomainError';
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export const badRequest = (code: string, message: string, details?: unknown) => new DomainError(code, 400, message, details);
export const unprocessable = (code: string, message: string, details?: unknown) => new DomainError(code, 422, message, details);
export const notFound = (what: string) => new DomainError('not_found', 404, `${what} was not found`);

interface PgLikeError {
  code?: unknown;
  constraint?: unknown;
  detail?: unknown;
  message?: unknown;
}

/** SQLSTATE → domain error. Returns undefined for anything that is a genuine server fault. */
export function fromSqlState(err: unknown): DomainError | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  // Not the request's fault and not a bug: the database is restarting, unreachable or full.
  // The client should simply come back (503 + Retry-After); nothing was half-written, as
  // every write is one transaction.
  if (isDbUnavailable(err)) return new DomainError('db_unavailable', 503, 'The database is not reachable at the moment; please try again shortly.');
  const e = err as PgLikeError;
  const constraint = typeof e.constraint === 'string' ? e.constraint : undefined;
  switch (e.code) {
    case '23505':
      return new DomainError('conflict', 409, 'This record already exists (a unique value is taken).', constraint && { constraint });
    case '23503':
      return new DomainError('reference_not_found', 409, 'The record refers to something that does not exist, or is still referred to.', constraint && { constraint });
    case '23514':
    case '23502':
    case '22P02':
    case '22003':
    case '22007':
    case '22008':
    case '22023':
      return new DomainError('constraint_violation', 422, 'The values break a rule of the registry.', constraint && { constraint });
    case 'XX000':
      // PostGIS reports malformed geometry as an internal error; by then it can only be input.
      if (typeof e.message === 'string' && /geometry|GeoJSON|coordinates/i.test(e.message)) {
        return new DomainError('invalid_geometry', 422, `The geometry is not valid: ${e.message}`);
      }
      return undefined;
    case '57014':
    case '55P03':
      return new DomainError('timeout', 503, 'The database took too long to answer; please try again.');
    case '40001':
    case '40P01':
      return new DomainError('conflict', 409, 'Another change got there first; reload and try again.');
    case '42501':
      return new DomainError('forbidden', 403, 'This record may not be changed.');
    default:
      return undefined;
  }
}
