import { ApiError } from '../api/api.error.ts';
import type { ImportRow } from '../api/imports.types.ts';
import { isMessageKey, t } from '../i18n/i18n.ts';
import { describeError } from '../ui/error.describe.ts';

/**
 * Why a row fails, in the reader's language. The server's sentence is English and names the
 * exact value; ours is translated. Codes the catalogue does not know yet show the server's
 * sentence, so a new check on the server is never a blank cell.
 */
export function rowReason(row: ImportRow): string {
  const key = `import.reason.${row.code ?? ''}`;
  if (isMessageKey(key)) return t(key);
  return row.reason ?? row.code ?? '';
}

/** A failed upload in words. Size and type limits are the import's own, not the photo ones. */
export function uploadFailure(err: unknown): string {
  if (err instanceof ApiError && err.status === 413 && err.code === 'payload_too_large') return t('import.tooLarge');
  if (err instanceof ApiError && err.status === 415) return t('import.unsupported');
  return describeError(err);
}
