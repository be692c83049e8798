import type { Queryable } from '../db/db.types.ts';

export interface CaseEvent {
  id: number;
  action: string;
  from_state: string | null;
  to_state: string;
  actor: string;
  at: Date;
  reason: string | null;
  details: Record<string, unknown>;
  document_id: number | null;
}

export interface NewEvent {
  caseId: number;
  action: string;
  from: string | null;
  to: string;
  actor: string;
  at: Date;
  reason: string | null;
  details: Record<string, unknown>;
  documentId: number | null;
}

export async function insertEvent(q: Queryable, e: NewEvent): Promise<number> {
  const res = await q.query<{ id: number }>(
    `INSERT INTO case_events (case_id, action, from_state, to_state, actor, at, reason, details, document_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9) RETURNING id`,
    [e.caseId, e.action, e.from, e.to, e.actor, e.at, e.reason, JSON.stringify(e.details), e.documentId],
  );
  return res.rows[0]!.id;
}

export async function eventsOf(q: Queryable, caseId: number): Promise<CaseEvent[]> {
  return (await q.query<CaseEvent>(
    'SELECT id, action, from_state, to_state, actor, at, reason, details, document_id FROM case_events WHERE case_id = $1 ORDER BY id',
    [caseId],
  )).rows;
}

/** The latest event of an action on a case (e.g. when the failed recheck happened). */
export async function lastEvent(q: Queryable, caseId: number, action: string): Promise<CaseEvent | undefined> {
  return (await q.query<CaseEvent>(
    'SELECT id, action, from_state, to_state, actor, at, reason, details, document_id FROM case_events WHERE case_id = $1 AND action = $2 ORDER BY id DESC LIMIT 1',
    [caseId, action],
  )).rows[0];
}

/**
 * The overdue job in one statement, safe to repeat: served decisions whose payment day has
 * passed move to overdue (the state trigger vets the move), and each gets its event row.
 */
export async function markOverdue(q: Queryable, today: string, now: Date, actor: string): Promise<{ id: number; number: string; payment_due_on: string; version: number }[]> {
  const res = await q.query<{ id: number; number: string; payment_due_on: string; version: number }>(
    `WITH due AS (
       UPDATE cases c SET state = 'overdue', version = c.version + 1, updated_at = $2
       WHERE c.state = 'decision_served' AND c.payment_due_on < $1::date
       RETURNING c.id, c.number, c.payment_due_on, c.version
     ), ev AS (
       INSERT INTO case_events (case_id, action, from_state, to_state, actor, at, details)
       SELECT id, 'mark_overdue', 'decision_served', 'overdue', $3, $2, jsonb_build_object('payment_due_on', payment_due_on, 'checked_on', $1::date)
       FROM due
     )
     SELECT id, number, payment_due_on, version FROM due ORDER BY id`,
    [today, now, actor],
  );
  return res.rows;
}
