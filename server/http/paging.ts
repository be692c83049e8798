import { badRequest } from './errors.ts';

/** `limit` as the client wrote it: digits only (no 1e9, no -1), within 1…max. */
export function parseLimit(raw: string | undefined, def: number, max: number): number {
  if (raw === undefined || raw === '') return def;
  if (!/^\d{1,9}$/.test(raw)) throw badRequest('invalid_limit', `limit must be a whole number from 1 to ${max}.`);
  const n = Number(raw);
  if (n < 1 || n > max) throw badRequest('invalid_limit', `limit must be from 1 to ${max} (got ${n}).`);
  return n;
}
