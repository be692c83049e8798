import { ApiError } from '../api/api.error.ts';
import { isMessageKey, t } from '../i18n/i18n.ts';

/**
 * Words a person understands for any failure: the catalogue's text for a known error code,
 * else the server's own message, else a sentence chosen by what kind of failure it was.
 */
export function describeError(err: unknown): string {
  if (!(err instanceof ApiError)) return t('error.network');
  if (err.kind === 'network') return t('error.network');
  if (err.kind === 'invalid_response') return t('error.invalidResponse');
  if (err.code) {
    const key = `error.code.${err.code}`;
    if (isMessageKey(key)) return t(key);
  }
  // A 5xx message is generic by design (the server never leaks internals), so our own
  // translated sentence reads better than it.
  const status = err.status ?? 0;
  if (status >= 500) return t('error.server', { status: String(status) });
  if (err.serverMessage) return err.serverMessage;
  return t('error.http', { status: String(status) });
}
