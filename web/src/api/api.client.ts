import { ApiError } from './api.error.ts';
import { csrfToken } from './csrf.token.ts';

export interface JsonResponse<T> {
  body: T;
  headers: Headers;
}

interface ErrorEnvelope {
  error?: { code?: unknown; message?: unknown; details?: unknown };
}

export type UnsafeMethod = 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface SendOptions {
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

// A reverse proxy (or Vite's dev proxy) answers these when our server is down; the user
// needs "can't reach the server", not a status number.
const GATEWAY_STATUSES = new Set([502, 503, 504]);

function envelopeOf(parsed: unknown): ErrorEnvelope['error'] | null {
  if (parsed && typeof parsed === 'object' && 'error' in parsed) {
    const error = (parsed as ErrorEnvelope).error;
    if (error && typeof error === 'object') return error;
  }
  return null;
}

/**
 * The ApiError for a non-2xx answer whose body was parsed to `parsed` (undefined when it was
 * not JSON). Shared with the upload client, which has to use XMLHttpRequest for progress.
 */
export function httpError(status: number, parsed: unknown): ApiError {
  const error = envelopeOf(parsed);
  if (!error && GATEWAY_STATUSES.has(status)) return new ApiError('network', status, null, null);
  return new ApiError(
    'http',
    status,
    typeof error?.code === 'string' ? error.code : null,
    typeof error?.message === 'string' ? error.message : null,
    error?.details,
  );
}

async function readJson(response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch {
    // Not JSON (an HTML error page, an empty body): fall through to status-only handling.
    return undefined;
  }
}

/** One request and its JSON answer; every failure becomes an ApiError (or the AbortError). */
async function request<T>(path: string, init: RequestInit, signal: AbortSignal | undefined): Promise<JsonResponse<T>> {
  let response: Response;
  try {
    response = await fetch(path, { ...init, credentials: 'same-origin', signal: signal ?? null });
  } catch (err) {
    if (signal?.aborted) throw err;
    throw new ApiError('network', null, null, null);
  }

  if (!response.ok) throw httpError(response.status, await readJson(response));

  try {
    return { body: (await response.json()) as T, headers: response.headers };
  } catch (err) {
    if (signal?.aborted) throw err;
    throw new ApiError('invalid_response', response.status, null, null);
  }
}

export interface GetOptions {
  /**
   * 'no-store' for answers that differ by who asks (a pole's permissions): the browser
   * cache keys on the URL, and a 304 would hand the signed-in user the anonymous copy.
   */
  cache?: RequestCache;
}

/** GET a same-origin JSON resource; throws ApiError, or the AbortError of `signal`. */
export function getJson<T>(path: string, signal?: AbortSignal, options: GetOptions = {}): Promise<JsonResponse<T>> {
  return request<T>(path, { headers: { Accept: 'application/json' }, cache: options.cache ?? 'default' }, signal);
}

/**
 * A request that changes something. Every one carries the session's CSRF token, so no
 * caller can forget it; with no session there is no token and the header is left out.
 */
export function sendJson<T>(method: UnsafeMethod, path: string, body?: unknown, options: SendOptions = {}): Promise<JsonResponse<T>> {
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
  const token = csrfToken();
  if (token) headers['X-CSRF-Token'] = token;
  const init: RequestInit = { method, headers };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  return request<T>(path, init, options.signal);
}
