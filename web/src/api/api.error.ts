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

/** Aborted requests are superseded, not failed: callers drop them silently. */
export function isAbortError(err: unknown): boolean {
  return err instanceof DOMException && err.name === 'AbortError';
}
