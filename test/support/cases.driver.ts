import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import { login, startTestApp, type Session, type TestContext } from './test.app.ts';

/**
 * Drives enforcement cases through the API for the case tests: a test app on a movable clock,
 * the fixture sessions, and one call per step of the procedure.
 */
export interface CaseHarness {
  t: TestContext;
  /** Moves the app's clock: a YYYY-MM-DD is 10:00 in Asia/Shanghai that day. */
  setDay(day: string): void;
  s: Record<'officer' | 'officer2' | 'admin' | 'viewer' | 'planner' | 'unicom' | 'telecom', Session>;
  one<T extends object>(sql: string, params?: unknown[]): Promise<T>;
  /** Poles of one owner that no open case holds yet. */
  freePoles(owner: string, n: number): Promise<number[]>;
  create(body?: Record<string, unknown>, who?: Session): Promise<LightMyRequestResponse>;
  get(id: number, who?: Session): Promise<LightMyRequestResponse>;
  step(id: number, action: string, body?: Record<string, unknown>, who?: Session): Promise<LightMyRequestResponse>;
  issue(id: number, body: Record<string, unknown>, who?: Session): Promise<LightMyRequestResponse>;
  /** Asserts a 2xx and returns the JSON. */
  ok(res: LightMyRequestResponse | Promise<LightMyRequestResponse>): Promise<any>;
  /** A new case of `owner`'s poles taken to `ordered`, its order served on `day` with the given deadline. */
  ordered(owner: string, day: string, deadline: string): Promise<number>;
}

export const dayAt = (day: string) => new Date(`${day}T02:00:00Z`);

export async function caseHarness(firstDay: string, env: Record<string, string> = {}): Promise<CaseHarness> {
  let clock = dayAt(firstDay);
  const t = await startTestApp({ LOGIN_RATE_PER_MINUTE: '10000', ...env }, undefined, () => clock);
  const names = ['officer', 'officer2', 'admin', 'viewer', 'planner', 'unicom', 'telecom'] as const;
  const sessions = await Promise.all(names.map((n) => login(t.app, n)));
  const s = Object.fromEntries(names.map((n, i) => [n, sessions[i]!])) as CaseHarness['s'];
  const one = async <T extends object>(sql: string, params: unknown[] = []) => (await t.db.query<T>(sql, params)).rows[0]!;
  const officer2Id = (await one<{ id: number }>("SELECT id FROM users WHERE username = 'officer2'")).id;
  const taken = new Set<number>();

  const h: CaseHarness = {
    t, s, one,
    setDay: (day) => { clock = dayAt(day); },
    async freePoles(owner, n) {
      const res = await t.db.query<{ id: number }>(
        `SELECT p.id FROM poles p JOIN organisations o ON o.id = p.owner_org_id
         WHERE o.code = $1 AND p.ownership_status = 'confirmed' AND p.status <> 'removed' AND NOT (p.id = ANY($3::int[]))
           AND NOT EXISTS (SELECT 1 FROM case_poles cp JOIN cases c ON c.id = cp.case_id WHERE cp.pole_id = p.id AND c.state NOT IN ('closed', 'withdrawn'))
         ORDER BY p.id LIMIT $2`, [owner, n, [...taken]]);
      res.rows.forEach((r) => taken.add(r.id));
      return res.rows.map((r) => r.id);
    },
    async create(body = {}, who = s.officer) {
      const payload = { category: 'abandoned_not_removed', pole_ids: await h.freePoles('unicom', 2), description: '两根废弃水泥杆无线缆挂载，杆体倾斜', ...body };
      return t.app.inject({ method: 'POST', url: '/api/cases', headers: who.headers, payload });
    },
    get: (id, who = s.officer) => t.app.inject({ method: 'GET', url: `/api/cases/${id}`, headers: who.headers }),
    async step(id, action, body = {}, who = s.officer) {
      const version = (await t.app.inject({ method: 'GET', url: `/api/cases/${id}`, headers: s.officer.headers })).json().version;
      return t.app.inject({ method: 'POST', url: `/api/cases/${id}/transitions`, headers: who.headers, payload: { action, version, ...body } });
    },
    issue: (id, body, who = s.officer) => t.app.inject({ method: 'POST', url: `/api/cases/${id}/documents`, headers: who.headers, payload: body }),
    async ok(res) {
      const r = await res;
      assert.ok(r.statusCode >= 200 && r.statusCode < 300, `${r.statusCode} ${r.body}`);
      return r.json();
    },
    async ordered(owner, day, deadline) {
      h.setDay(day);
      const c = await h.ok(h.create({ pole_ids: await h.freePoles(owner, 1), officer_ids: [officer2Id] }));
      await h.ok(h.step(c.id, 'open'));
      await h.ok(h.step(c.id, 'investigate'));
      const doc = await h.ok(h.issue(c.id, { kind: 'order', correction_deadline: deadline, correction_required: '拆除废弃线杆并清理现场' }));
      await h.ok(h.step(c.id, 'serve_order', { document_id: doc.id, service: { method: 'in_person', served_on: day, served_to: '张三（线路维护部）' } }));
      return c.id;
    },
  };
  return h;
}

export const officer2Id = (h: CaseHarness) => h.one<{ id: number }>("SELECT id FROM users WHERE username = 'officer2'").then((r) => r.id);
