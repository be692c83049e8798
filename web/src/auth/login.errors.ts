import { ApiError } from '../api/api.error.ts';
import { t } from '../i18n/i18n.ts';
import { describeError } from '../ui/error.describe.ts';

function retryMinutes(details: unknown): number | null {
  if (typeof details !== 'object' || details === null) return null;
  const seconds = (details as { retryAfterSeconds?: unknown }).retryAfterSeconds;
  if (typeof seconds !== 'number' || !Number.isFinite(seconds)) return null;
  // Rounded up: "try again in 0 minutes" would invite an attempt that is refused again.
  return Math.max(1, Math.ceil(seconds / 60));
}

/** A refused sign-in in words, with the wait in minutes when the server gave one. */
export function describeLoginError(err: unknown): string {
  if (err instanceof ApiError && (err.code === 'account_locked' || err.code === 'rate_limited')) {
    const n = retryMinutes(err.details);
    if (n !== null) return t(err.code === 'account_locked' ? 'auth.locked' : 'auth.rateLimited', { n });
  }
  return describeError(err);
}
