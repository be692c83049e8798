import type { Queryable } from '../db/db.types.ts';
import { setClause } from '../db/sql.set.ts';

export const CASE_STATES = [
  'found', 'opened', 'investigating', 'ordered', 'correction_submitted', 'not_corrected', 'penalty_noticed',
  'hearing_requested', 'hearing_held', 'decided', 'decision_served', 'paid', 'overdue', 'closed', 'withdrawn',
] as const;
export type CaseState = (typeof CASE_STATES)[number];
export const CATEGORIES = ['abandoned_not_removed', 'broken_unmaintained', 'tangled_cables', 'unauthorised_attachment', 'other'] as const;
export type Category = (typeof CATEGORIES)[number];

export interface CaseRow {
  id: number;
  number: string;
  category: Category;
  state: CaseState;
  outcome: string | null;
  description: string;
  lng: number;
  lat: number;
  district: { code: string; name_zh: string; name_en: string } | null;
  responsible_org_id: number | null;
  responsible_org: { code: string; name_zh: string; legal_name_zh: string | null; name_en: string } | null;
  pole_codes: string[];
  correction_deadline: string | null;
  correction_required: string | null;
  correction_submitted_at: Date | null;
  notice_served_on: string | null;
  proposed_fine: number | null;
  statement_ends_on: string | null;
  hearing_request_ends_on: string | null;
  fine_yuan: number | null;
  decision_served_on: string | null;
  payment_due_on: string | null;
  paid_on: string | null;
  receipt_no: string | null;
  version: number;
  created_by: string;
  created_at: Date;
  updated_at: Date;
  closed_at: Date | null;
  /** The next deadline that matters in this state (see README, enforcement cases). */
  due_on: string | null;
  overdue: boolean;
  /** Whether an order to correct has been served: from then on the responsible firm sees the case. */
  order_served: boolean;
}

/** The SQL for due_on and overdue, reckoned against the day bound as `today`. */
const dueOn = `CASE WHEN c.state IN ('ordered', 'correction_submitted') THEN c.correction_deadline
    WHEN c.state = 'penalty_noticed' THEN greatest(c.statement_ends_on, c.hearing_request_ends_on)
    WHEN c.state IN ('decision_served', 'overdue') THEN c.payment_due_on END`;
/** Whether a case is past a deadline that matters: shared by the list, the map and the stats. */
export const overdueSql = (today: string) => `(c.state = 'overdue'
    OR (c.state IN ('ordered', 'correction_submitted') AND c.correction_deadline < ${today}::date)
    OR (c.state = 'decision_served' AND c.payment_due_on < ${today}::date))`;
const orderServed = `EXISTS (SELECT 1 FROM case_documents od WHERE od.case_id = c.id AND od.kind = 'order' AND od.served_on IS NOT NULL)`;

const select = (today: string) => `SELECT c.id, c.number, c.category, c.state, c.outcome, c.description,
    ST_X(c.location) AS lng, ST_Y(c.location) AS lat,
    CASE WHEN d.id IS NULL THEN NULL ELSE json_build_object('code', d.code, 'name_zh', d.name_zh, 'name_en', d.name_en) END AS district,
    c.responsible_org_id,
    CASE WHEN o.id IS NULL THEN NULL ELSE json_build_object('code', o.code, 'name_zh', o.name_zh, 'legal_name_zh', o.legal_name_zh, 'name_en', o.name_en) END AS responsible_org,
    coalesce((SELECT json_agg(p.code ORDER BY p.code) FROM case_poles cp JOIN poles p ON p.id = cp.pole_id WHERE cp.case_id = c.id), '[]'::json) AS pole_codes,
    c.correction_deadline, c.correction_required, c.correction_submitted_at, c.notice_served_on, c.proposed_fine,
    c.statement_ends_on, c.hearing_request_ends_on, c.fine_yuan, c.decision_served_on, c.payment_due_on, c.paid_on, c.receipt_no,
    c.version, c.created_by, c.created_at, c.updated_at, c.closed_at,
    ${dueOn} AS due_on, ${overdueSql(today)} AS overdue, ${orderServed} AS order_served
  FROM cases c LEFT JOIN districts d ON d.id = c.district_id LEFT JOIN organisations o ON o.id = c.responsible_org_id`;

/** Only a firm's own cases, and only once the order has been served on it; null = everything. */
const carrierScope = (param: string) => `(${param}::int IS NULL OR (c.responsible_org_id = ${param}::int AND ${orderServed}))`;

export async function byId(q: Queryable, id: number, today: string, forUpdate = false): Promise<CaseRow | undefined> {
  return (await q.query<CaseRow>(`${select('$2')} WHERE c.id = $1${forUpdate ? ' FOR UPDATE OF c' : ''}`, [id, today])).rows[0];
}

export interface CaseFilter {
  today: string;
  carrierOrgId: number | null;
  state: string | null;
  district: string | null;
  org: string | null;
  overdue: boolean;
  dueWithinDays: number | null;
  q: string | null;
  beforeId: number | null;
  limit: number;
}

export async function list(q: Queryable, f: CaseFilter): Promise<CaseRow[]> {
  return (await q.query<CaseRow>(
    `${select('$1')} WHERE ${carrierScope('$2')}
       AND ($3::text IS NULL OR c.state = $3) AND ($4::text IS NULL OR d.code = $4) AND ($5::text IS NULL OR o.code = $5)
       AND (NOT $6::boolean OR ${overdueSql('$1')})
       AND ($7::int IS NULL OR (${dueOn}) BETWEEN $1::date AND $1::date + $7::int)
       AND ($8::text IS NULL OR strpos(lower(c.number || ' ' || c.description), lower($8)) > 0
            OR EXISTS (SELECT 1 FROM case_poles qp JOIN poles qpp ON qpp.id = qp.pole_id WHERE qp.case_id = c.id AND strpos(lower(qpp.code), lower($8)) > 0))
       AND ($9::int IS NULL OR c.id < $9)
     ORDER BY c.id DESC LIMIT $10`,
    [f.today, f.carrierOrgId, f.state, f.district, f.org, f.overdue, f.dueWithinDays, f.q, f.beforeId, f.limit],
  )).rows;
}

/** Open cases in a bbox as GeoJSON features (text, spliced by the route). */
export async function mapFeatures(q: Queryable, bbox: [number, number, number, number], today: string, carrierOrgId: number | null, limit: number): Promise<string> {
  const res = await q.query<{ features: string }>(
    `SELECT coalesce(json_agg(json_build_object('type', 'Feature', 'id', c.id, 'geometry', ST_AsGeoJSON(c.location, 7)::json,
              'properties', json_build_object('id', c.id, 'number', c.number, 'state', c.state, 'category', c.category, 'overdue', ${overdueSql('$5')}))
            ORDER BY c.id), '[]'::json)::text AS features
     FROM (SELECT * FROM cases c WHERE c.location && ST_MakeEnvelope($1, $2, $3, $4, 4326) AND c.state NOT IN ('closed', 'withdrawn')
             AND ${carrierScope('$6')} ORDER BY c.id LIMIT $7) c`,
    [...bbox, today, carrierOrgId, limit],
  );
  return res.rows[0]!.features;
}

export interface NewCase {
  number: string;
  category: string;
  description: string;
  poleIds: number[];
  responsibleOrgId: number | null;
  by: string;
  now: Date;
}

/**
 * The case stands where its poles stand (their centroid); its district is the one holding that
 * point, or, should the centroid fall between districts, the one most of its poles are in.
 */
export async function insert(q: Queryable, c: NewCase): Promise<number> {
  const res = await q.query<{ id: number }>(
    `WITH pts AS (SELECT ST_Centroid(ST_Collect(geom)) AS loc FROM poles WHERE id = ANY($3::int[]))
     INSERT INTO cases (number, category, description, location, district_id, responsible_org_id, created_by, created_at, updated_at)
     SELECT $1, $2, $4, pts.loc,
            coalesce((SELECT d.id FROM districts d WHERE ST_Intersects(d.geom, pts.loc) ORDER BY d.id LIMIT 1),
                     (SELECT p.district_id FROM poles p WHERE p.id = ANY($3::int[]) AND p.district_id IS NOT NULL
                      GROUP BY p.district_id ORDER BY count(*) DESC, p.district_id LIMIT 1)),
            $5, $6, $7, $7
     FROM pts RETURNING id`,
    [c.number, c.category, c.poleIds, c.description, c.responsibleOrgId, c.by, c.now],
  );
  const id = res.rows[0]!.id;
  await q.query('INSERT INTO case_poles (case_id, pole_id) SELECT $1, unnest($2::int[])', [id, c.poleIds]);
  return id;
}

/** Case columns a transition or an edit may set; names come from this list, never from input. */
export interface CaseChanges {
  state?: CaseState;
  outcome?: string | null;
  responsible_org_id?: number | null;
  correction_deadline?: string | null;
  correction_required?: string | null;
  correction_submitted_at?: Date | null;
  notice_served_on?: string | null;
  proposed_fine?: number | null;
  statement_ends_on?: string | null;
  hearing_request_ends_on?: string | null;
  fine_yuan?: number | null;
  decision_served_on?: string | null;
  payment_due_on?: string | null;
  paid_on?: string | null;
  receipt_no?: string | null;
  closed_at?: Date | null;
}
const CHANGE_COLUMNS = [
  'state', 'outcome', 'responsible_org_id', 'correction_deadline', 'correction_required', 'correction_submitted_at', 'notice_served_on',
  'proposed_fine', 'statement_ends_on', 'hearing_request_ends_on', 'fine_yuan', 'decision_served_on', 'payment_due_on', 'paid_on',
  'receipt_no', 'closed_at',
] as const satisfies readonly (keyof CaseChanges)[];

/** Every change to a case moves its version on, so a client acting on an older view gets 409. */
export async function update(q: Queryable, id: number, changes: CaseChanges, now: Date): Promise<number> {
  const params: unknown[] = [id, now];
  const sets = setClause(changes, CHANGE_COLUMNS, params);
  const res = await q.query<{ version: number }>(
    `UPDATE cases SET ${[...sets, 'version = version + 1', 'updated_at = $2'].join(', ')} WHERE id = $1 RETURNING version`,
    params,
  );
  return res.rows[0]!.version;
}

/** The next number of a per-year sequence; the upsert holds the counter row until commit. */
export async function nextCounter(q: Queryable, scope: string, year: number): Promise<number> {
  const res = await q.query<{ last: number }>(
    `INSERT INTO case_counters (scope, year, last) VALUES ($1, $2, 1)
     ON CONFLICT (scope, year) DO UPDATE SET last = case_counters.last + 1 RETURNING last`,
    [scope, year],
  );
  return res.rows[0]!.last;
}

/** Where (from_state, action) leads, per the case_transitions table; undefined when not listed. */
export async function transitionTarget(q: Queryable, from: string, action: string): Promise<CaseState | undefined> {
  return (await q.query<{ to_state: CaseState }>('SELECT to_state FROM case_transitions WHERE from_state = $1 AND action = $2', [from, action])).rows[0]?.to_state;
}

export async function actionsFrom(q: Queryable, from: string): Promise<string[]> {
  return (await q.query<{ action: string }>('SELECT action FROM case_transitions WHERE from_state = $1 ORDER BY action', [from])).rows.map((r) => r.action);
}
