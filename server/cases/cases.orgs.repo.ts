import type { Queryable } from '../db/db.types.ts';
import type { Org } from '../ownership/ownership.rules.ts';

export async function orgByCodeFull(q: Queryable, code: string): Promise<(Org & { kind: string }) | undefined> {
  return (await q.query<Org & { kind: string }>('SELECT id, code, name_zh, name_en, kind FROM organisations WHERE code = $1', [code])).rows[0];
}
