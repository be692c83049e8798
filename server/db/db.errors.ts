/**
 * Which failures mean "the database cannot be reached right now" rather than "this
 * statement is wrong". Those are transient: the client should come back later (503 with
 * Retry-After), and the connection that saw them must not go back into the pool.
 */

/** Socket-level failures as Node reports them (err.code). */
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ECONNABORTED', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'ENOTFOUND']);

/**
 * SQLSTATEs of a server going away or not taking connections:
 * 57P01 admin_shutdown (pg_terminate_backend, fast shutdown), 57P02 crash_shutdown,
 * 57P03 cannot_connect_now (starting up / shutting down), 53300 too_many_connections,
 * and the whole class 08 (connection exception).
 */
const SERVER_CODES = new Set(['57P01', '57P02', '57P03', '53300']);

/**
 * node-postgres raises these as plain Errors without a code: a socket closed under a query,
 * a client that already broke, the pool's own acquire timeout, and its client-side query timeout.
 */
const MESSAGES = [
  /^Connection terminated/,
  /^Client has encountered a connection error and is not queryable/,
  /^timeout exceeded when trying to connect/,
  /^Query read timeout/,
];

export function isDbUnavailable(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const e = err as { code?: unknown; message?: unknown; errors?: unknown };
  // Node reports a refused connection to a host with several addresses as an AggregateError.
  if (Array.isArray(e.errors) && e.errors.some(isDbUnavailable)) return true;
  if (typeof e.code === 'string') {
    if (SOCKET_CODES.has(e.code) || SERVER_CODES.has(e.code) || /^08[0-9A-Z]{3}$/.test(e.code)) return true;
  }
  return typeof e.message === 'string' && MESSAGES.some((re) => re.test(e.message as string));
}
