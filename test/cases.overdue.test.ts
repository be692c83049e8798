import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { caseHarness, dayAt, type CaseHarness } from './support/cases.driver.ts';
import { runJobs } from '../server/jobs/jobs.scheduler.ts';

/** Deadlines that pass: the overdue job, the overdue surfaces, the list filters and the stats. */
let h: CaseHarness;
before(async () => { h = await caseHarness('2026-09-28'); });
after(() => h.t.close());

const list = async (query: string, who = h.s.officer) => h.ok(h.t.app.inject({ method: 'GET', url: `/api/cases?${query}`, headers: who.headers }));
const ids = (page: { items: { id: number }[] }) => page.items.map((i) => i.id);

/** A case fined `fine` yuan whose decision was served on 2026-10-14 (payment due 2026-10-29). */
async function decisionServed(fine: number): Promise<number> {
  const id = await h.ordered('unicom', '2026-09-28', '2026-09-30');
  h.setDay('2026-10-08');
  await h.ok(h.step(id, 'recheck_not_corrected', { reason: '未整改' }));
  const notice = await h.ok(h.issue(id, { kind: 'penalty_notice', proposed_fine: fine }));
  await h.ok(h.step(id, 'serve_notice', { document_id: notice.id, service: { method: 'in_person', served_on: '2026-10-08' } }));
  h.setDay('2026-10-14');
  const decision = await h.ok(h.issue(id, { kind: 'decision', fine_yuan: fine }));
  await h.ok(h.step(id, 'decide', { document_id: decision.id }));
  await h.ok(h.step(id, 'serve_decision', { service: { method: 'in_person', served_on: '2026-10-14' } }));
  return id;
}

test('the overdue job moves unpaid served decisions to overdue once the payment day has passed, with event and audit, once', async () => {
  const a = await decisionServed(2000);
  const b = await decisionServed(3000);
  assert.deepEqual(await runJobs(h.t.db, h.t.config, () => dayAt('2026-10-29')), { noticesLapsed: 0, casesOverdue: 0 }, 'the due day itself still counts');
  const due = await h.ok(h.get(a));
  assert.equal(due.overdue, false);
  assert.equal(due.due_on, '2026-10-29');
  h.setDay('2026-10-30');
  assert.equal((await h.ok(h.get(a))).overdue, true, 'overdue shows before the job has run');
  const r = await runJobs(h.t.db, h.t.config, () => dayAt('2026-10-30'));
  assert.equal(r.casesOverdue, 2);
  const again = await runJobs(h.t.db, h.t.config, () => dayAt('2026-10-31'));
  assert.equal(again.casesOverdue, 0, 'repeating it changes nothing');
  const c = await h.ok(h.get(a));
  assert.equal(c.state, 'overdue');
  assert.equal(c.overdue, true);
  const ev = c.events.at(-1);
  assert.deepEqual([ev.action, ev.from_state, ev.to_state, ev.actor, ev.details.payment_due_on], ['mark_overdue', 'decision_served', 'overdue', 'job:cases', '2026-10-29']);
  const audit = (await h.ok(h.t.app.inject({ method: 'GET', url: `/api/audit?entity_type=case&entity_id=${a}&action=case.mark_overdue`, headers: h.s.admin.headers }))).items;
  assert.equal(audit.length, 1);
  assert.equal(audit[0].actor, 'job:cases');
  assert.deepEqual(c.next_actions, ['record_payment', 'close']);

  // Paid late: still recorded. Never paid: closed with the city pulling the pole at the party's cost.
  const paid = await h.ok(h.step(b, 'record_payment', { paid_on: '2026-10-30', receipt_no: 'SD-LATE-1' }));
  assert.equal(paid.state, 'paid');
  assert.equal(paid.overdue, false);
  const bare = await h.step(a, 'close');
  assert.equal(bare.statusCode, 422);
  assert.equal(bare.json().error.code, 'reason_required');
  const closed = await h.ok(h.step(a, 'close', { reason: '逾期未缴纳，已申请强制执行，线杆由城市管理部门代为拆除' }));
  assert.equal(closed.outcome, 'city_removed');
});

test('list filters: overdue, due within N days, state, firm, district, text; keyset paging', async () => {
  const late = await h.ordered('unicom', '2026-10-12', '2026-10-16');
  const soon = await h.ordered('unicom', '2026-10-12', '2026-10-22');
  const later = await h.ordered('unicom', '2026-10-12', '2026-11-20');
  h.setDay('2026-10-20');
  const overdue = ids(await list('overdue=true&limit=200'));
  assert.ok(overdue.includes(late));
  assert.ok(!overdue.includes(soon) && !overdue.includes(later));
  const item = (await list('overdue=true&limit=200')).items.find((i: { id: number }) => i.id === late);
  assert.equal(item.overdue, true);
  assert.equal(item.due_on, '2026-10-16');
  const dueSoon = ids(await list('due_within_days=7&limit=200'));
  assert.ok(dueSoon.includes(soon));
  assert.ok(!dueSoon.includes(late) && !dueSoon.includes(later));
  assert.ok(ids(await list('state=ordered&limit=200')).includes(later));
  assert.ok(!ids(await list('state=found&limit=200')).includes(later));
  assert.ok(ids(await list('org=unicom&district=DCF&limit=200')).includes(later));
  assert.deepEqual(ids(await list('org=telecom&limit=200')), []);
  const detail = await h.ok(h.get(later));
  assert.deepEqual(ids(await list(`q=${encodeURIComponent(detail.pole_codes[0])}`)), [later]);
  assert.deepEqual(ids(await list(`q=${encodeURIComponent(detail.number)}`)), [later]);
  const keys = Object.keys((await list('limit=1')).items[0]).sort();
  assert.deepEqual(keys, ['category', 'correction_deadline', 'created_at', 'district', 'due_on', 'fine_yuan', 'id', 'lat', 'lng', 'number', 'outcome', 'overdue', 'payment_due_on', 'pole_codes', 'responsible_org', 'state']);
  const first = await list('limit=2');
  assert.equal(first.items.length, 2);
  assert.ok(first.next_cursor);
  const second = await list(`limit=2&cursor=${first.next_cursor}`);
  assert.ok(second.items[0].id < first.items[1].id);
  for (const bad of ['limit=0', 'limit=1e9', 'limit=-1', 'cursor=abc', 'state=bogus', 'overdue=yes', 'due_within_days=-1', 'district=dcf', 'nosuch=1']) {
    const res = await h.t.app.inject({ method: 'GET', url: `/api/cases?${bad}`, headers: h.s.officer.headers });
    assert.equal(res.statusCode, 400, `${bad}: ${res.body}`);
  }
  const noBbox = await h.t.app.inject({ method: 'GET', url: '/api/cases/map', headers: h.s.officer.headers });
  assert.equal(noBbox.statusCode, 400);
  const badBbox = await h.t.app.inject({ method: 'GET', url: '/api/cases/map?bbox=1,2,3', headers: h.s.officer.headers });
  assert.equal(badBbox.statusCode, 400);
});

test('stats for the dashboard: by state, by firm (open, closed, fines decided and paid), overdue, opened and closed in the year', async () => {
  h.setDay('2026-11-02');
  const s = await h.ok(h.t.app.inject({ method: 'GET', url: '/api/cases/stats?year=2026', headers: h.s.viewer.headers }));
  assert.deepEqual(Object.keys(s).sort(), ['by_org', 'by_state', 'closed_this_year', 'opened_this_year', 'overdue']);
  const rows = await h.t.db.query<{ state: string; n: number }>('SELECT state, count(*)::int AS n FROM cases GROUP BY state');
  assert.deepEqual(s.by_state, Object.fromEntries(rows.rows.map((r) => [r.state, r.n])));
  const unicom = s.by_org.find((o: { code: string }) => o.code === 'unicom');
  assert.equal(unicom.fines_decided_yuan, 5000);
  assert.equal(unicom.fines_paid_yuan, 3000);
  assert.equal(unicom.closed, 1);
  assert.equal(s.closed_this_year, 1);
  assert.equal(s.opened_this_year, (await h.one<{ n: number }>('SELECT count(*)::int AS n FROM cases')).n);
  assert.equal(s.overdue, 2, 'the two orders past their deadlines (the third runs to 11-20)');
  const y2025 = await h.ok(h.t.app.inject({ method: 'GET', url: '/api/cases/stats?year=2025', headers: h.s.officer.headers }));
  assert.equal(y2025.opened_this_year, 0);
  assert.equal(y2025.by_org.find((o: { code: string }) => o.code === 'unicom').fines_paid_yuan, 0);
  assert.equal((await h.t.app.inject({ method: 'GET', url: '/api/cases/stats?year=abc', headers: h.s.officer.headers })).statusCode, 400);
  assert.equal((await h.t.app.inject({ method: 'GET', url: '/api/cases/stats', headers: h.s.unicom.headers })).statusCode, 403);
});
