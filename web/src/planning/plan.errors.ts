import { ApiError } from '../api/api.error.ts';
import { t, type MessageKey } from '../i18n/i18n.ts';
import { describeError } from '../ui/error.describe.ts';

// The catalogue's words for these codes speak of the area tools' "selected area"; here the
// shape is a route or road works, so they get their own.
const SHAPE_ERRORS: Record<string, MessageKey> = {
  invalid_geometry: 'plan.error.invalidGeometry',
  too_many_vertices: 'plan.error.tooManyVertices',
};

/** describeError, with words for a drawn route or road works where the general ones would mislead. */
export function describePlanError(err: unknown): string {
  const key = err instanceof ApiError && err.code ? SHAPE_ERRORS[err.code] : undefined;
  return key ? t(key) : describeError(err);
}
