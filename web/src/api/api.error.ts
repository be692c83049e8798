/**
 * Every failure of an API call becomes an ApiError, so the UI can pick words by `kind` and
 * `code` instead of showing a stack trace or "Failed to fetch".
 */
export type ApiErrorKind =
  /** the request never got an answer from our server */
  | 'network'
  /** the server answered with a non-2xx status */
  | 'http'
  /** a 2xx answer whose body is not the JSON we expect */
  | 'invalid_response';

export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly kind: ApiErrorKind,
    readonly status: number | null,
    /** the server's machine-readable `error.code`, when it sent one */
    readonly code: string | null,
    /** the server's `error.message`; shown only when the catalogue has no words for `code` */
    readonly serverMessage: string | null,
    readonly details?: unknown,
  ) {
    super(serverMessage ?? code ?? kind);
  }
}

/**
 * No answer, or a gateway's / an unready server's 503: the server may never have seen the
 * request, so it is kept (the outbox) rather than reported as refused.
 */
export function isUnreachable(err: unknown): boolean {
  return err instanceof ApiError && (err.kind === 'network' || err.status === 503);
}

/** Aborted requests are superseded, not failed: callers drop them silently. */
export function isAbortError(err: unknown): boolean {
  return err instanceof DOMException && err.name === 'AbortError';
}
