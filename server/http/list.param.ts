import { badRequest } from './errors.ts';

/**
 * A comma-separated query value checked against an allow-list or pattern, duplicates dropped;
 * null when absent. Anything else is the caller's addressing error (400), named in words.
 */
export function listParam(name: string, raw: string | undefined, allowed: readonly string[] | RegExp): string[] | null {
  if (raw === undefined || raw === '') return null;
  const values = [...new Set(raw.split(','))];
  for (const v of values) {
    const ok = Array.isArray(allowed) ? allowed.includes(v) : (allowed as RegExp).test(v);
    if (!ok) {
      const hint = Array.isArray(allowed) ? ` Allowed: ${allowed.join(', ')}.` : '';
      throw badRequest('invalid_filter', `Unknown ${name} value "${v}".${hint}`);
    }
  }
  return values;
}
