import { httpError } from './api.client.ts';
import { ApiError } from './api.error.ts';
import { csrfToken } from './csrf.token.ts';

/** Share of the body sent so far, 0–1; called as the bytes leave the browser. */
export type UploadProgress = (fraction: number) => void;

/**
 * POSTs a body with XMLHttpRequest rather than fetch: fetch reports no upload progress, and a
 * 5 MB phone photo (or a city's worth of road works) on a weak signal needs a moving bar.
 * Failures are the same ApiErrors the JSON client throws, so the same words describe them.
 */
function xhrPost<T>(
  path: string,
  body: XMLHttpRequestBodyInit,
  contentType: string | null,
  onProgress?: UploadProgress,
  signal?: AbortSignal,
  headers?: Readonly<Record<string, string>>,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json');
    if (contentType) xhr.setRequestHeader('Content-Type', contentType);
    const token = csrfToken();
    if (token) xhr.setRequestHeader('X-CSRF-Token', token);
    for (const [name, value] of Object.entries(headers ?? {})) xhr.setRequestHeader(name, value);
    xhr.upload.addEventListener('progress', (e) => {
      if (e.lengthComputable && e.total > 0) onProgress?.(e.loaded / e.total);
    });
    xhr.addEventListener('load', () => {
      let parsed: unknown;
      try {
        parsed = xhr.responseText ? JSON.parse(xhr.responseText) : undefined;
      } catch {
        parsed = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        if (parsed === undefined) reject(new ApiError('invalid_response', xhr.status, null, null));
        else resolve(parsed as T);
        return;
      }
      reject(httpError(xhr.status, parsed));
    });
    xhr.addEventListener('error', () => reject(new ApiError('network', null, null, null)));
    xhr.addEventListener('abort', () => reject(new DOMException('upload aborted', 'AbortError')));
    signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(body);
  });
}

/** POSTs one file as multipart/form-data. */
export function uploadFile<T>(
  path: string,
  field: string,
  file: File,
  onProgress?: UploadProgress,
  signal?: AbortSignal,
  /** other form fields sent before the file, e.g. an import's format and encoding */
  fields?: Readonly<Record<string, string>>,
  /** extra request headers, e.g. the Idempotency-Key of a photo queued offline */
  headers?: Readonly<Record<string, string>>,
): Promise<T> {
  const body = new FormData();
  // Fields first: a streaming server reads them before it starts on the file.
  for (const [name, value] of Object.entries(fields ?? {})) body.append(name, value);
  body.append(field, file, file.name);
  // No Content-Type of our own: the browser writes the multipart boundary into it.
  return xhrPost<T>(path, body, null, onProgress, signal, headers);
}

/** POSTs a JSON body too large to send without showing how far it has got. */
export function uploadJson<T>(path: string, value: unknown, onProgress?: UploadProgress, signal?: AbortSignal): Promise<T> {
  return xhrPost<T>(path, JSON.stringify(value), 'application/json', onProgress, signal);
}
