import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { caseHarness, officer2Id, type CaseHarness } from './support/cases.driver.ts';

/** The procedure end to end: corrected without penalty, and fined and paid to closed. */
let h: CaseHarness;
before(async () => { h = await caseHarness('2026-09-28'); });
after(() => h.t.close());

const actions = (c: { events: { action: string }[] }) => c.events.map((e) => e.action);

test('no-penalty path: found → opened → investigating → ordered → correction_submitted → closed (corrected)', async () => {
  h.setDay('2026-09-28');
  const created = await h.create();
  assert.equal(created.statusCode, 201, created.body);
  const c = created.json();
  assert.equal(c.state, 'found');
  assert.match(c.number, /^聊线执〔2026〕第\d{4}号$/);
  assert.equal(c.responsible_org.code, 'unicom', 'proposed from the poles’ confirmed owner');
  assert.equal(c.district.code, 'DCF');
  assert.equal(c.pole_codes.length, 2);
  assert.deepEqual(c.officers.map((o: { username: string }) => o.username), ['officer']);
  assert.deepEqual(c.next_actions, ['open', 'withdraw']);

  await h.ok(h.step(c.id, 'open'));
  const single = await h.step(c.id, 'investigate');
  assert.equal(single.statusCode, 422);
  assert.equal(single.json().error.code, 'two_officers_required');
  const withTwo = await h.ok(h.t.app.inject({ method: 'PUT', url: `/api/cases/${c.id}/officers`, headers: h.s.officer.headers, payload: { user_ids: [c.officers[0].id, await officer2Id(h)] } }));
  assert.equal(withTwo.officers.length, 2);
  assert.ok(withTwo.next_actions.includes('investigate'));
  await h.ok(h.step(c.id, 'investigate'));
  const inv = await h.ok(h.get(c.id));
  assert.deepEqual(inv.can_issue, ['order']);
  assert.ok(!inv.next_actions.includes('serve_order'), 'no order issued yet');

  // 3 working days from Monday 2026-09-28: Tue, Wed, then the National Day holiday, then Thursday 10-08.
  const doc = await h.ok(h.issue(c.id, { kind: 'order', correction_working_days: 3, correction_required: '拆除废弃线杆，清理杆基' }));
  assert.match(doc.number, /^聊综执线责改〔2026〕第\d{4}号$/);
  const served = await h.ok(h.step(c.id, 'serve_order', { document_id: doc.id, service: { method: 'in_person', served_on: '2026-09-28', served_to: '李四' } }));
  assert.equal(served.state, 'ordered');
  assert.equal(served.correction_deadline, '2026-10-08');
  assert.equal(served.due_on, '2026-10-08');
  assert.equal(served.documents[0].served_on, '2026-09-28');
  assert.equal(served.documents[0].service_method, 'in_person');

  const fromCarrier = await h.ok(h.step(c.id, 'submit_correction', { reason: '已拆除，附照片' }, h.s.unicom));
  assert.equal(fromCarrier.state, 'correction_submitted');
  assert.deepEqual(fromCarrier.next_actions, [], 'the carrier has nothing more to do');
  const officerView = await h.ok(h.get(c.id));
  assert.deepEqual(officerView.next_actions, ['recheck_corrected', 'withdraw'], 'not_corrected only after the deadline');
  const noReason = await h.step(c.id, 'recheck_corrected');
  assert.equal(noReason.statusCode, 422);
  assert.equal(noReason.json().error.code, 'reason_required');
  const closed = await h.ok(h.step(c.id, 'recheck_corrected', { reason: '现场复查，线杆已拆除' }));
  assert.equal(closed.state, 'closed');
  assert.equal(closed.outcome, 'corrected');
  assert.deepEqual(closed.next_actions, []);
  assert.deepEqual(actions(closed), ['create', 'open', 'set_officers', 'investigate', 'issue_document', 'serve_order', 'submit_correction', 'recheck_corrected']);
  const audit = (await h.t.app.inject({ method: 'GET', url: `/api/audit?entity_type=case&entity_id=${c.id}&limit=50`, headers: h.s.admin.headers })).json().items;
  assert.deepEqual(audit.map((a: { action: string }) => a.action).reverse(),
    ['case.create', 'case.open', 'case.officers', 'case.investigate', 'case.issue_document', 'case.serve_order', 'case.submit_correction', 'case.recheck_corrected']);
});

test('penalty path: not corrected → notice → statement period → decision → served → paid → closed', async () => {
  const id = await h.ordered('unicom', '2026-09-28', '2026-10-08');
  h.setDay('2026-10-08');
  const early = await h.step(id, 'recheck_not_corrected', { reason: '未拆除' });
  assert.equal(early.statusCode, 422);
  assert.equal(early.json().error.code, 'deadline_not_reached');
  h.setDay('2026-10-09');
  assert.ok((await h.ok(h.get(id))).next_actions.includes('recheck_not_corrected'));
  assert.equal((await h.ok(h.get(id))).overdue, true, 'the order deadline has passed');
  await h.ok(h.step(id, 'recheck_not_corrected', { reason: '逾期复查，废弃线杆仍未拆除' }));
  const notice = await h.ok(h.issue(id, { kind: 'penalty_notice', proposed_fine: 3000 }));
  assert.match(notice.number, /^聊综执线罚告〔2026〕第\d{4}号$/);
  const noticed = await h.ok(h.step(id, 'serve_notice', { document_id: notice.id, service: { method: 'post', served_on: '2026-10-09', note: 'EMS 1234' } }));
  // Fri 10-09 + 3 working days: Sat 10-10 is a make-up working day, then Mon 10-12, Tue 10-13.
  assert.equal(noticed.statement_ends_on, '2026-10-13');
  assert.equal(noticed.hearing_request_ends_on, null);
  assert.equal(noticed.hearing_available, false);
  assert.equal(noticed.proposed_fine, 3000);
  assert.ok(!noticed.next_actions.includes('request_hearing'));
  const hearing = await h.step(id, 'request_hearing');
  assert.equal(hearing.statusCode, 422);
  assert.equal(hearing.json().error.code, 'hearing_not_available');

  h.setDay('2026-10-13');
  const tooSoon = await h.issue(id, { kind: 'decision', fine_yuan: 3000 });
  assert.equal(tooSoon.statusCode, 422);
  assert.equal(tooSoon.json().error.code, 'statement_period_running');
  assert.deepEqual((await h.ok(h.get(id))).can_issue, []);
  h.setDay('2026-10-14');
  const higher = await h.issue(id, { kind: 'decision', fine_yuan: 3500 });
  assert.equal(higher.statusCode, 422);
  assert.equal(higher.json().error.code, 'fine_above_notice');
  const decision = await h.ok(h.issue(id, { kind: 'decision', fine_yuan: 3000 }));
  const decided = await h.ok(h.step(id, 'decide', { document_id: decision.id }));
  assert.equal(decided.state, 'decided');
  assert.equal(decided.fine_yuan, 3000);
  const servedDecision = await h.ok(h.step(id, 'serve_decision', { service: { method: 'left_with_witnesses', served_on: '2026-10-14', served_to: '门卫王五', note: '见证人：赵六、钱七' } }));
  assert.equal(servedDecision.state, 'decision_served');
  assert.equal(servedDecision.payment_due_on, '2026-10-29', '15 calendar days');
  assert.equal(servedDecision.due_on, '2026-10-29');

  h.setDay('2026-10-20');
  const future = await h.step(id, 'record_payment', { paid_on: '2026-10-21', receipt_no: 'SD-2026-0001' });
  assert.equal(future.statusCode, 422);
  assert.equal(future.json().error.code, 'paid_in_future');
  const paid = await h.ok(h.step(id, 'record_payment', { paid_on: '2026-10-19', receipt_no: 'SD-2026-0001' }));
  assert.equal(paid.state, 'paid');
  assert.equal(paid.paid_on, '2026-10-19');
  assert.equal(paid.receipt_no, 'SD-2026-0001');
  const closed = await h.ok(h.step(id, 'close'));
  assert.equal(closed.state, 'closed');
  assert.equal(closed.outcome, 'paid');
  assert.deepEqual(closed.documents.map((d: { kind: string; served_on: string }) => [d.kind, d.served_on]),
    [['order', '2026-09-28'], ['penalty_notice', '2026-10-09'], ['decision', '2026-10-14']]);
  assert.deepEqual(actions(closed).slice(-10), ['issue_document', 'serve_order', 'recheck_not_corrected', 'issue_document', 'serve_notice', 'issue_document', 'decide', 'serve_decision', 'record_payment', 'close']);
});

test('hearing path: a fine at or above the threshold offers a hearing; requested, held, then decided', async () => {
  const id = await h.ordered('unicom', '2026-09-28', '2026-09-30');
  h.setDay('2026-10-08');
  await h.ok(h.step(id, 'recheck_not_corrected', { reason: '未整改' }));
  const notice = await h.ok(h.issue(id, { kind: 'penalty_notice', proposed_fine: 5000 }));
  const noticed = await h.ok(h.step(id, 'serve_notice', { document_id: notice.id, service: { method: 'in_person', served_on: '2026-10-08' } }));
  assert.equal(noticed.hearing_available, true);
  assert.equal(noticed.statement_ends_on, '2026-10-12', 'Thu 10-08 + 3: Fri 10-09, Sat 10-10 (make-up), Mon 10-12');
  assert.equal(noticed.hearing_request_ends_on, '2026-10-14');
  assert.ok(noticed.next_actions.includes('request_hearing'));
  h.setDay('2026-10-13');
  const early = await h.issue(id, { kind: 'decision', fine_yuan: 5000 });
  assert.equal(early.statusCode, 422);
  assert.equal(early.json().error.code, 'hearing_request_period_running');
  const requested = await h.ok(h.step(id, 'request_hearing', { reason: '当事人书面申请听证' }));
  assert.equal(requested.state, 'hearing_requested');
  assert.deepEqual(requested.can_issue, []);
  const noSummary = await h.step(id, 'hold_hearing');
  assert.equal(noSummary.statusCode, 422);
  h.setDay('2026-10-20');
  const held = await h.ok(h.step(id, 'hold_hearing', { reason: '听证会已举行，当事人称线杆系他人所有，未提供证据' }));
  assert.equal(held.state, 'hearing_held');
  assert.deepEqual(held.can_issue, ['decision']);
  const decision = await h.ok(h.issue(id, { kind: 'decision', fine_yuan: 4000 }));
  const decided = await h.ok(h.step(id, 'decide', { document_id: decision.id }));
  assert.equal(decided.fine_yuan, 4000);
  const html = (await h.t.app.inject({ method: 'GET', url: decision.url, headers: h.s.officer.headers })).body;
  assert.match(html, /要求听证，本机关于2026年10月20日依法举行了听证/);
  assert.match(html, /肆仟元整/);
});

test('a hearing not requested in time: the decision waits for the request period, then the request is refused', async () => {
  const id = await h.ordered('unicom', '2026-10-08', '2026-10-09');
  h.setDay('2026-10-12');
  await h.ok(h.step(id, 'recheck_not_corrected', { reason: '未整改' }));
  const notice = await h.ok(h.issue(id, { kind: 'penalty_notice', proposed_fine: 8000 }));
  const noticed = await h.ok(h.step(id, 'serve_notice', { document_id: notice.id, service: { method: 'electronic', served_on: '2026-10-12' } }));
  assert.equal(noticed.hearing_request_ends_on, '2026-10-19');
  h.setDay('2026-10-20');
  const late = await h.step(id, 'request_hearing');
  assert.equal(late.statusCode, 422);
  assert.equal(late.json().error.code, 'hearing_request_period_over');
  const decision = await h.ok(h.issue(id, { kind: 'decision', fine_yuan: 8000 }));
  const html = (await h.t.app.inject({ method: 'GET', url: decision.url, headers: h.s.officer.headers })).body;
  assert.match(html, /你单位在规定期限内未要求听证/);
  assert.equal((await h.ok(h.step(id, 'decide', { document_id: decision.id }))).state, 'decided');
});

test('withdraw needs a reason and ends the case; it is refused once the decision is served', async () => {
  h.setDay('2026-10-12');
  const c = await h.ok(h.create());
  const bare = await h.step(c.id, 'withdraw');
  assert.equal(bare.statusCode, 422);
  assert.equal(bare.json().error.code, 'reason_required');
  const w = await h.ok(h.step(c.id, 'withdraw', { reason: '经核实线杆已由权属单位自行拆除' }));
  assert.equal(w.state, 'withdrawn');
  assert.equal(w.outcome, 'withdrawn');
  assert.ok(w.closed_at);
  // Its poles are free for a new case.
  const again = await h.create({ pole_ids: w.poles.map((p: { id: number }) => p.id) });
  assert.equal(again.statusCode, 201, again.body);
});
