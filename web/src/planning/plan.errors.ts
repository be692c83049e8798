import { ApiError } from '../api/api.error.ts';
import { isMessageKey, t, type MessageKey } from '../i18n/i18n.ts';
import { describeError } from '../ui/error.describe.ts';

// The catalogue's words for these codes were written for other pages (the area tools'
// "selected area", a removal's date, the pole import's "skip rows"); here they get their own.
const PLAN_ERRORS: Record<string, MessageKey> = {
  invalid_geometry: 'plan.error.invalidGeometry',
  too_many_vertices: 'plan.error.tooManyVertices',
  date_in_future: 'plan.action.dayFuture',
  import_has_errors: 'plan.import.hasErrors',
};

/** describeError, with the planning page's words where the general ones would mislead. */
export function describePlanError(err: unknown): string {
  const key = err instanceof ApiError && err.code ? PLAN_ERRORS[err.code] : undefined;
  return key ? t(key) : describeError(err);
}

/** Words for an error code the server listed (one feature of an import); its own message if we have none. */
export function planErrorWords(code: string, serverMessage: string): string {
  const own = PLAN_ERRORS[code];
  if (own) return t(own);
  const key = `error.code.${code}`;
  return isMessageKey(key) ? t(key) : serverMessage;
}
