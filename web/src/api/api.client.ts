import { ApiError } from './api.error.ts';

export interface JsonResponse<T> {
  body: T;
  headers: Headers;
}

interface ErrorEnvelope {
  error?: { code?: unknown; message?: unknown; details?: unknown };
}

// A reverse proxy (or Vite's dev proxy) answers these when our server is down; the user
// needs "can't reach the server", not a status number.
const GATEWAY_STATUSES = new Set([502, 503, 504]);

async function readErrorEnvelope(response: Response): Promise<ErrorEnvelope['error'] | null> {
  try {
    const parsed: unknown = await response.json();
    if (parsed && typeof parsed === 'object' && 'error' in parsed) {
      const error = (parsed as ErrorEnvelope).error;
      if (error && typeof error === 'object') return error;
    }
  } catch {
    // Not JSON (an HTML error page, an empty body): fall through to status-only handling.
  }
  return null;
}

/** GET a same-origin JSON resource; throws ApiError, or the AbortError of `signal`. */
export async function getJson<T>(path: string, signal?: AbortSignal): Promise<JsonResponse<T>> {
  let response: Response;
  try {
    response = await fetch(path, { headers: { Accept: 'application/json' }, signal: signal ?? null });
  } catch (err) {
    if (signal?.aborted) throw err;
    throw new ApiError('network', null, null, null);
  }

  if (!response.ok) {
    const error = await readErrorEnvelope(response);
    if (!error && GATEWAY_STATUSES.has(response.status)) {
      throw new ApiError('network', response.status, null, null);
    }
    throw new ApiError(
      'http',
      response.status,
      typeof error?.code === 'string' ? error.code : null,
      typeof error?.message === 'string' ? error.message : null,
      error?.details,
    );
  }

  try {
    return { body: (await response.json()) as T, headers: response.headers };
  } catch (err) {
    if (signal?.aborted) throw err;
    throw new ApiError('invalid_response', response.status, null, null);
  }
}
