import { randomUUID } from 'node:crypto';
import { PassThrough } from 'node:stream';
import type { LightMyRequestResponse } from 'fastify';
import type { Db } from '../../server/db/db.types.ts';

export const newKey = () => `test-${randomUUID()}`;

/** A pole in the middle of Liaocheng, with a note that names the request. */
export const poleBody = (note: string) => ({ geometry: { type: 'Point', coordinates: [115.985, 36.455] }, condition: 'leaning', note });

export const replayed = (res: LightMyRequestResponse) => res.headers['idempotency-replayed'] === 'true';

export async function count(db: Db, sql: string, params: unknown[] = []): Promise<number> {
  return (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM (${sql}) x`, params)).rows[0]!.n;
}

/**
 * A request body that arrives in two halves, the second only when `finish()` is called:
 * a phone uploading a photo over a bad connection, made deterministic.
 */
export function slowBody(bytes: Buffer): { stream: PassThrough; finish(): void } {
  const stream = new PassThrough();
  const half = Math.floor(bytes.length / 2);
  stream.write(bytes.subarray(0, half));
  return { stream, finish: () => stream.end(bytes.subarray(half)) };
}

/** Waits until `cond` holds, polling; fails loudly instead of hanging a test. */
export async function until(cond: () => boolean | Promise<boolean>, what: string, ms = 10000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
