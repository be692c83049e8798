import type { Queryable } from '../db/db.types.ts';

export interface CaseOfficer {
  id: number;
  username: string;
  display_name: string;
}

export async function officersOf(q: Queryable, caseId: number): Promise<CaseOfficer[]> {
  return (await q.query<CaseOfficer>(
    `SELECT u.id, u.username, u.display_name FROM case_officers co JOIN users u ON u.id = co.user_id WHERE co.case_id = $1 ORDER BY co.added_at, u.id`,
    [caseId],
  )).rows;
}

/** Every enabled enforcement officer, for choosing who works a case. */
export async function activeOfficers(q: Queryable): Promise<CaseOfficer[]> {
  return (await q.query<CaseOfficer>(`SELECT id, username, display_name FROM users WHERE role = 'officer' AND NOT disabled ORDER BY display_name, id`)).rows;
}

/** Which of these users are enabled enforcement officers. */
export async function enabledOfficers(q: Queryable, ids: number[]): Promise<number[]> {
  return (await q.query<{ id: number }>(`SELECT id FROM users WHERE id = ANY($1::int[]) AND role = 'officer' AND NOT disabled ORDER BY id`, [ids])).rows.map((r) => r.id);
}

/** Makes the case's officer list exactly `ids`; returns who was added and who removed. */
export async function replaceOfficers(q: Queryable, caseId: number, ids: number[], by: string, now: Date): Promise<{ added: number[]; removed: number[] }> {
  const removed = await q.query<{ user_id: number }>('DELETE FROM case_officers WHERE case_id = $1 AND NOT (user_id = ANY($2::int[])) RETURNING user_id', [caseId, ids]);
  const added = await q.query<{ user_id: number }>(
    `INSERT INTO case_officers (case_id, user_id, added_by, added_at) SELECT $1, unnest($2::int[]), $3, $4
     ON CONFLICT (case_id, user_id) DO NOTHING RETURNING user_id`,
    [caseId, ids, by, now],
  );
  return { added: added.rows.map((r) => r.user_id).sort((a, b) => a - b), removed: removed.rows.map((r) => r.user_id).sort((a, b) => a - b) };
}

export async function countOfficers(q: Queryable, caseId: number): Promise<number> {
  return (await q.query<{ n: number }>('SELECT count(*)::int AS n FROM case_officers WHERE case_id = $1', [caseId])).rows[0]!.n;
}
