import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { caseHarness, type CaseHarness } from './support/cases.driver.ts';
import { CASE_STATES } from '../server/cases/cases.repo.ts';
import { ACTIONS } from '../server/cases/cases.transitions.ts';

/** Every move not in case_transitions is refused with 409 and writes nothing; races have one winner. */
let h: CaseHarness;
before(async () => { h = await caseHarness('2026-10-12'); });
after(() => h.t.close());

/** A case put straight into a state (an INSERT is not a move, so the state trigger lets it in). */
async function caseIn(state: string): Promise<number> {
  const ended = state === 'closed' || state === 'withdrawn';
  const r = await h.one<{ id: number }>(
    `INSERT INTO cases (number, category, state, outcome, description, location, responsible_org_id, created_by, closed_at)
     SELECT 'T-' || $1 || '-' || (SELECT count(*) FROM cases), 'other', $1, $2, 'state matrix', ST_SetSRID(ST_MakePoint(115.985, 36.457), 4326), o.id, 'test', $3
     FROM organisations o WHERE o.code = 'unicom' RETURNING id`,
    [state, state === 'closed' ? 'corrected' : state === 'withdrawn' ? 'withdrawn' : null, ended ? new Date() : null]);
  return r.id;
}

test('every state × action not listed in case_transitions → 409 transition_not_allowed, nothing written', async () => {
  const listed = new Set((await h.t.db.query<{ from_state: string; action: string }>('SELECT from_state, action FROM case_transitions')).rows.map((r) => `${r.from_state}:${r.action}`));
  assert.equal(listed.size, 29);
  const wrong: string[] = [];
  let tried = 0;
  for (const state of CASE_STATES) {
    const id = await caseIn(state);
    for (const action of ACTIONS) {
      if (listed.has(`${state}:${action}`)) continue;
      tried++;
      const res = await h.t.app.inject({ method: 'POST', url: `/api/cases/${id}/transitions`, headers: h.s.officer.headers, payload: { action, version: 1, reason: '测试' } });
      if (res.statusCode !== 409 || res.json().error.code !== 'transition_not_allowed') wrong.push(`${state} ${action} → ${res.statusCode} ${res.body.slice(0, 120)}`);
    }
    const after = await h.one<{ state: string; version: number; events: number }>(
      'SELECT state, version, (SELECT count(*)::int FROM case_events WHERE case_id = $1) AS events FROM cases WHERE id = $1', [id]);
    assert.deepEqual(after, { state, version: 1, events: 0 });
  }
  assert.equal(tried, 15 * 15 - 29);
  assert.deepEqual(wrong, []);
});

test('the database itself refuses an unlisted move, whatever code tries it', async () => {
  const id = await caseIn('found');
  await assert.rejects(h.t.db.query("UPDATE cases SET state = 'closed', outcome = 'corrected', closed_at = now() WHERE id = $1", [id]), /may not move/);
  const made = await h.ok(h.create());
  await assert.rejects(h.t.db.query('DELETE FROM case_events WHERE case_id = $1', [made.id]), /append-only/);
  await assert.rejects(h.t.db.query("UPDATE case_events SET reason = 'rewritten' WHERE case_id = $1", [made.id]), /append-only/);
});

test('listed moves the caller may not take: 403, and mark_overdue is the job’s alone', async () => {
  const served = await caseIn('decision_served');
  const overdue = await h.t.app.inject({ method: 'POST', url: `/api/cases/${served}/transitions`, headers: h.s.admin.headers, payload: { action: 'mark_overdue', version: 1 } });
  assert.equal(overdue.statusCode, 403);
  assert.equal(overdue.json().error.code, 'job_only');
  const ordered = await caseIn('ordered');
  const bySelf = await h.t.app.inject({ method: 'POST', url: `/api/cases/${ordered}/transitions`, headers: h.s.officer.headers, payload: { action: 'submit_correction', version: 1 } });
  assert.equal(bySelf.statusCode, 403);
  assert.equal(bySelf.json().error.code, 'party_only');
});

test('a stale version → 409 case_conflict', async () => {
  const c = await h.ok(h.create());
  await h.ok(h.step(c.id, 'open'));
  const stale = await h.t.app.inject({ method: 'POST', url: `/api/cases/${c.id}/transitions`, headers: h.s.officer.headers, payload: { action: 'withdraw', version: c.version, reason: '重复立案' } });
  assert.equal(stale.statusCode, 409);
  assert.equal(stale.json().error.code, 'case_conflict');
  assert.equal(stale.json().error.details.version, c.version + 1);
});

test('concurrent steps on one case: exactly one wins, the other gets 409, one event is written', async () => {
  for (const [a, b] of [['open', 'open'], ['open', 'withdraw']] as const) {
    const c = await h.ok(h.create());
    const send = (action: string) => h.t.app.inject({
      method: 'POST', url: `/api/cases/${c.id}/transitions`, headers: h.s.officer.headers, payload: { action, version: c.version, reason: '并发' },
    });
    const results = await Promise.all([send(a), send(b)]);
    const codes = results.map((r) => r.statusCode).sort();
    assert.deepEqual(codes, [200, 409], results.map((r) => r.body).join('\n'));
    assert.equal(results.find((r) => r.statusCode === 409)!.json().error.code, 'case_conflict');
    const ev = await h.one<{ n: number }>("SELECT count(*)::int AS n FROM case_events WHERE case_id = $1 AND action <> 'create'", [c.id]);
    assert.equal(ev.n, 1);
    const row = await h.one<{ version: number }>('SELECT version FROM cases WHERE id = $1', [c.id]);
    assert.equal(row.version, c.version + 1);
  }
});
