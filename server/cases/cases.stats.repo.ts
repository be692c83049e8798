import type { Queryable } from '../db/db.types.ts';
import { overdueSql } from './cases.repo.ts';

export interface OrgFigures {
  code: string;
  open: number;
  closed: number;
  fines_decided_yuan: number;
  fines_paid_yuan: number;
}

export interface CaseStats {
  by_state: Record<string, number>;
  by_org: OrgFigures[];
  overdue: number;
  opened_this_year: number;
  closed_this_year: number;
}

/**
 * Dashboard figures in one statement. Snapshots (by_state, open, overdue) count every case as it
 * stands today; the yearly figures count what happened in the year, in Asia/Shanghai: cases
 * opened, cases closed, fines decided (by the day of the decision) and fines paid (by paid_on).
 */
export async function stats(q: Queryable, year: number, today: string): Promise<CaseStats> {
  const res = await q.query<CaseStats>(
    `WITH y AS (SELECT make_date($1, 1, 1) AS first, make_date($1 + 1, 1, 1) AS next),
     decided AS (
       SELECT DISTINCT ON (e.case_id) e.case_id, (e.at AT TIME ZONE 'Asia/Shanghai')::date AS day
       FROM case_events e WHERE e.action = 'decide' ORDER BY e.case_id, e.id DESC
     ),
     per_org AS (
       SELECT o.code,
              count(*) FILTER (WHERE c.state NOT IN ('closed', 'withdrawn'))::int AS open,
              count(*) FILTER (WHERE c.state = 'closed' AND (c.closed_at AT TIME ZONE 'Asia/Shanghai')::date >= y.first
                               AND (c.closed_at AT TIME ZONE 'Asia/Shanghai')::date < y.next)::int AS closed,
              coalesce(sum(c.fine_yuan) FILTER (WHERE dd.day >= y.first AND dd.day < y.next), 0)::int AS fines_decided_yuan,
              coalesce(sum(c.fine_yuan) FILTER (WHERE c.paid_on >= y.first AND c.paid_on < y.next), 0)::int AS fines_paid_yuan
       FROM cases c CROSS JOIN y JOIN organisations o ON o.id = c.responsible_org_id LEFT JOIN decided dd ON dd.case_id = c.id
       GROUP BY o.code
     )
     SELECT
       coalesce((SELECT json_object_agg(state, n) FROM (SELECT state, count(*)::int AS n FROM cases GROUP BY state) s), '{}'::json) AS by_state,
       coalesce((SELECT json_agg(per_org ORDER BY per_org.code) FROM per_org), '[]'::json) AS by_org,
       (SELECT count(*)::int FROM cases c WHERE ${overdueSql('$2')}) AS overdue,
       (SELECT count(*)::int FROM cases c, y WHERE (c.created_at AT TIME ZONE 'Asia/Shanghai')::date >= y.first AND (c.created_at AT TIME ZONE 'Asia/Shanghai')::date < y.next) AS opened_this_year,
       (SELECT count(*)::int FROM cases c, y WHERE c.state = 'closed' AND (c.closed_at AT TIME ZONE 'Asia/Shanghai')::date >= y.first AND (c.closed_at AT TIME ZONE 'Asia/Shanghai')::date < y.next) AS closed_this_year`,
    [year, today],
  );
  return res.rows[0]!;
}
