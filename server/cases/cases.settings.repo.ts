import type { Queryable } from '../db/db.types.ts';
import { setClause } from '../db/sql.set.ts';

export interface CaseSettings {
  statement_days: number;
  hearing_request_days: number;
  payment_days: number;
  hearing_threshold: number;
}
export type SettingsRow = CaseSettings & { updated_by: string; updated_at: Date };
export type SettingsChanges = Partial<CaseSettings>;

const COLUMNS = ['statement_days', 'hearing_request_days', 'payment_days', 'hearing_threshold'] as const;

export async function read(q: Queryable): Promise<SettingsRow> {
  return (await q.query<SettingsRow>('SELECT statement_days, hearing_request_days, payment_days, hearing_threshold, updated_by, updated_at FROM case_settings')).rows[0]!;
}

export async function update(q: Queryable, changes: SettingsChanges, by: string, now: Date): Promise<void> {
  const params: unknown[] = [by, now];
  const sets = setClause(changes, COLUMNS, params);
  await q.query(`UPDATE case_settings SET ${[...sets, 'updated_by = $1', 'updated_at = $2'].join(', ')}`, params);
}
