import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { caseHarness, type CaseHarness } from './support/cases.driver.ts';

/** ../shared/BAD_INPUTS.md for cases: each refused with a 4xx in the error shape, nothing half-written. */
let h: CaseHarness;
before(async () => { h = await caseHarness('2026-10-12'); });
after(() => h.t.close());

const counts = () => h.one<{ cases: number; events: number; docs: number }>(
  'SELECT (SELECT count(*)::int FROM cases) AS cases, (SELECT count(*)::int FROM case_events) AS events, (SELECT count(*)::int FROM case_documents) AS docs');
const post = (url: string, payload: unknown, who = h.s.officer) => h.t.app.inject({ method: 'POST', url, headers: who.headers, payload: payload as object });

test('creating a case: bad bodies are 422 (400 when not JSON), unknown and removed poles named, a pole in an open case 409', async () => {
  const [p1, p2] = await h.freePoles('unicom', 2);
  const removed = (await h.one<{ id: number }>("SELECT id FROM poles WHERE status = 'removed' ORDER BY id LIMIT 1")).id;
  const viewerId = (await h.one<{ id: number }>("SELECT id FROM users WHERE username = 'viewer'")).id;
  const ok = { category: 'abandoned_not_removed', pole_ids: [p1], description: '废弃杆' };
  const many = Array.from({ length: 51 }, (_, i) => i + 1);
  const before_ = await counts();
  const bad: [string, unknown, number, string?][] = [
    ['unknown category', { ...ok, category: 'littering' }, 422],
    ['no poles', { ...ok, pole_ids: [] }, 422],
    ['too many poles (51)', { ...ok, pole_ids: many }, 422],
    ['the same pole twice', { ...ok, pole_ids: [p1, p1] }, 422],
    ['pole ids as strings', { ...ok, pole_ids: [String(p1)] }, 422],
    ['a pole that does not exist', { ...ok, pole_ids: [p1, 99999999] }, 422, 'unknown_poles'],
    ['a removed pole', { ...ok, pole_ids: [removed] }, 422, 'pole_removed'],
    ['empty description', { ...ok, description: '' }, 422],
    ['missing description', { category: ok.category, pole_ids: [p1] }, 422],
    ['a description of spaces', { ...ok, description: '   ' }, 422, 'description_required'],
    ['NUL in the description', { ...ok, description: 'a\u0000b' }, 422],
    ['a state set by the client', { ...ok, state: 'closed' }, 422],
    ['a fine set by the client', { ...ok, fine_yuan: 1000 }, 422],
    ['an unknown responsible org', { ...ok, responsible_org: 'nosuchfirm' }, 422, 'unknown_organisation'],
    ['a viewer listed as officer', { ...ok, officer_ids: [viewerId] }, 422, 'not_an_officer'],
  ];
  for (const [name, body, status, code] of bad) {
    const res = await post('/api/cases', body);
    assert.equal(res.statusCode, status, `${name}: ${res.body}`);
    assert.ok(res.json().error.message, name);
    if (code) assert.equal(res.json().error.code, code, name);
  }
  const notJson = await h.t.app.inject({ method: 'POST', url: '/api/cases', headers: { ...h.s.officer.headers, 'content-type': 'application/json' }, payload: '{"category":' });
  assert.equal(notJson.statusCode, 400);
  assert.deepEqual(await counts(), before_, 'nothing written');

  const odd = '杆号模糊 🚧 \u202eRTL\u202c 与\u200b零宽字符';
  const first = await h.ok(post('/api/cases', { ...ok, pole_ids: [p1, p2], description: odd }));
  assert.equal(first.description, odd, 'stored exactly');
  const dup = await post('/api/cases', { ...ok, pole_ids: [p2] });
  assert.equal(dup.statusCode, 409);
  assert.equal(dup.json().error.code, 'pole_in_open_case');
  assert.match(dup.json().error.message, new RegExp(first.number.replace(/[〔〕]/g, '.')));
});

test('steps: unknown action, missing or wrong fields, impossible dates → 422; unknown case → 404; bad ids → 400', async () => {
  const id = await h.ordered('unicom', '2026-10-12', '2026-10-16');
  const c = await h.ok(h.get(id));
  const v = c.version;
  const t = `/api/cases/${id}/transitions`;
  const before_ = await counts();
  const bad: [string, unknown, number, string?][] = [
    ['unknown action', { action: 'fine_them', version: v }, 422],
    ['missing version', { action: 'withdraw', reason: 'x' }, 422],
    ['version as a string', { action: 'withdraw', version: String(v), reason: 'x' }, 422],
    ['an unknown field', { action: 'withdraw', version: v, reason: 'x', state: 'closed' }, 422],
    ['a document on a step that takes none', { action: 'withdraw', version: v, reason: 'x', document_id: 1 }, 422, 'field_not_applicable'],
    ['a payment on a step that takes none', { action: 'withdraw', version: v, reason: 'x', paid_on: '2026-10-12' }, 422, 'field_not_applicable'],
    ['a blank reason', { action: 'withdraw', version: v, reason: '   ' }, 422, 'reason_required'],
    ['a reason of 2001 characters', { action: 'withdraw', version: v, reason: '理'.repeat(2001) }, 422],
  ];
  for (const [name, body, status, code] of bad) {
    const res = await post(t, body);
    assert.equal(res.statusCode, status, `${name}: ${res.body}`);
    if (code) assert.equal(res.json().error.code, code, name);
  }
  assert.deepEqual(await counts(), before_, 'nothing written');

  // Service records, on a fresh investigation with an issued order.
  const fresh = await h.ok(h.create({ officer_ids: [(await h.one<{ id: number }>("SELECT id FROM users WHERE username = 'officer2'")).id] }));
  await h.ok(h.step(fresh.id, 'open'));
  await h.ok(h.step(fresh.id, 'investigate'));
  const order = await h.ok(h.issue(fresh.id, { kind: 'order', correction_deadline: '2026-10-20', correction_required: '拆除' }));
  const serve = (extra: Record<string, unknown>) => h.step(fresh.id, 'serve_order', extra);
  const service = (s: Record<string, unknown>) => ({ document_id: order.id, service: { method: 'in_person', served_on: '2026-10-12', ...s } });
  const cases: [string, Record<string, unknown>, string | null][] = [
    ['no service', { document_id: order.id }, 'service_required'],
    ['no document', { service: { method: 'post', served_on: '2026-10-12' } }, 'document_id_required'],
    ['a non-existent date', service({ served_on: '2026-02-30' }), 'invalid_date'],
    ['a date in another format', service({ served_on: '12.10.2026' }), 'invalid_date'],
    ['served tomorrow', service({ served_on: '2026-10-13' }), 'served_in_future'],
    ['served before the order was issued', service({ served_on: '2026-10-11' }), 'served_before_issue'],
    ['an unknown method', service({ method: 'pigeon' }), null],
    ['another case’s document', { ...service({}), document_id: c.documents[0].id }, 'wrong_document'],
  ];
  for (const [name, extra, code] of cases) {
    const res = await serve(extra);
    assert.equal(res.statusCode, 422, `${name}: ${res.body}`);
    if (code) assert.equal(res.json().error.code, code, name);
  }
  assert.equal((await serve(service({ served_to: '张三' }))).statusCode, 200);

  assert.equal((await h.t.app.inject({ method: 'GET', url: '/api/cases/99999999', headers: h.s.officer.headers })).statusCode, 404);
  assert.equal((await post('/api/cases/99999999/transitions', { action: 'open', version: 1 })).statusCode, 404);
  for (const bad of ['abc', '0', '-1', '1e3']) assert.equal((await h.t.app.inject({ method: 'GET', url: `/api/cases/${bad}`, headers: h.s.officer.headers })).statusCode, 400, bad);
  assert.equal((await h.t.app.inject({ method: 'GET', url: `/api/cases/${id}/documents/99999999`, headers: h.s.officer.headers })).statusCode, 404);
});

test('payment: real dates, not before the decision was served, receipt required', async () => {
  const id = await h.ordered('unicom', '2026-10-12', '2026-10-13');
  h.setDay('2026-10-14');
  await h.ok(h.step(id, 'recheck_not_corrected', { reason: '未整改' }));
  const n = await h.ok(h.issue(id, { kind: 'penalty_notice', proposed_fine: 1000 }));
  await h.ok(h.step(id, 'serve_notice', { document_id: n.id, service: { method: 'in_person', served_on: '2026-10-14' } }));
  h.setDay('2026-10-20');
  const d = await h.ok(h.issue(id, { kind: 'decision', fine_yuan: 1000 }));
  await h.ok(h.step(id, 'decide', { document_id: d.id }));
  await h.ok(h.step(id, 'serve_decision', { service: { method: 'post', served_on: '2026-10-20' } }));
  for (const [body, code] of [
    [{ paid_on: '2026-10-19', receipt_no: 'R1' }, 'paid_before_decision'],
    [{ paid_on: '2026-10-32', receipt_no: 'R1' }, 'invalid_date'],
    [{ paid_on: '2026-10-20' }, 'payment_required'],
    [{ paid_on: '2026-10-20', receipt_no: '  ' }, 'payment_required'],
  ] as const) {
    const res = await h.step(id, 'record_payment', body);
    assert.equal(res.statusCode, 422, res.body);
    assert.equal(res.json().error.code, code);
  }
});

test('the calendar: read a year, working-day arithmetic across National Day 2026, refusing years not entered', async () => {
  const get = (url: string, who = h.s.officer) => h.t.app.inject({ method: 'GET', url, headers: who.headers });
  const y = await h.ok(get('/api/calendar?year=2026', h.s.unicom));
  assert.equal(y.entered, true);
  assert.deepEqual(y.days.find((d: { day: string }) => d.day === '2026-10-10'), { day: '2026-10-10', kind: 'workday', name_zh: '国庆节调休上班', name_en: 'National Day make-up day' });
  h.setDay('2026-11-20');
  assert.deepEqual(await h.ok(get('/api/calendar?year=2027')), { year: 2027, entered: false, days: [], today: '2026-11-20' }, 'today by the server clock');
  const add = async (from: string, days: number) => (await h.ok(get(`/api/calendar/add-working-days?from=${from}&days=${days}`))).date;
  assert.equal(await add('2026-09-30', 1), '2026-10-08');
  assert.equal(await add('2026-09-28', 3), '2026-10-08');
  assert.equal(await add('2026-10-09', 1), '2026-10-10', 'the make-up Saturday counts');
  assert.equal(await add('2026-09-18', 1), '2026-09-20', 'the make-up Sunday counts');
  assert.equal(await add('2026-09-24', 1), '2026-09-28', 'Mid-Autumn is off');
  const into2027 = await get('/api/calendar/add-working-days?from=2026-12-24&days=10');
  assert.equal(into2027.statusCode, 422);
  assert.equal(into2027.json().error.code, 'calendar_year_missing');
  assert.deepEqual(into2027.json().error.details.missing_years, [2027]);
  for (const q of ['from=2026-09-30&days=0', 'from=2026-09-30&days=abc', 'from=2026-09-30', 'days=3', 'year=26']) {
    const res = await get(`/api/calendar/add-working-days?${q}`);
    assert.ok(res.statusCode === 400 || res.statusCode === 422, `${q}: ${res.statusCode}`);
  }

  const put = (days: unknown, who = h.s.admin, year = '2027') => h.t.app.inject({ method: 'PUT', url: `/api/calendar/${year}`, headers: who.headers, payload: { days } });
  const newYear = { day: '2027-01-01', kind: 'holiday', name_zh: '元旦', name_en: 'New Year' };
  assert.equal((await put([newYear], h.s.officer)).statusCode, 403);
  for (const [days, code] of [
    [[{ ...newYear, day: '2026-12-31' }], 'day_outside_year'],
    [[newYear, newYear], 'duplicate_day'],
    [[{ ...newYear, day: '2027-01-04', kind: 'workday' }], 'workday_not_weekend'],
    [[{ ...newYear, day: '2027-02-30' }], 'invalid_date'],
  ] as const) {
    const res = await put(days);
    assert.equal(res.statusCode, 422, res.body);
    assert.equal(res.json().error.code, code);
  }
  assert.equal((await put([{ ...newYear, kind: 'vacation' }])).statusCode, 422);
  const entered = await h.ok(put([newYear, { day: '2027-01-02', kind: 'holiday', name_zh: '元旦', name_en: 'New Year' }]));
  assert.equal(entered.entered, true);
  assert.equal(entered.days.length, 2);
  assert.equal(await add('2026-12-31', 1), '2027-01-04', 'Fri 01-01 and Sat 01-02 are off, Sun 01-03 is a weekend');
  const audit = (await h.ok(h.t.app.inject({ method: 'GET', url: '/api/audit?action=calendar.replace', headers: h.s.admin.headers }))).items;
  assert.equal(audit.length, 1);
});

test('case settings: read by anyone signed in, changed by an admin within bounds, audited, applied to documents issued afterwards', async () => {
  const s = await h.ok(h.t.app.inject({ method: 'GET', url: '/api/cases/settings', headers: h.s.unicom.headers }));
  assert.deepEqual([s.statement_days, s.hearing_request_days, s.payment_days, s.hearing_threshold], [3, 5, 15, 5000]);
  const patch = (body: unknown, who = h.s.admin) => h.t.app.inject({ method: 'PATCH', url: '/api/cases/settings', headers: who.headers, payload: body as object });
  assert.equal((await patch({ hearing_threshold: 3000 }, h.s.officer)).statusCode, 403);
  for (const body of [{}, { hearing_threshold: 999 }, { hearing_threshold: 10001 }, { statement_days: 0 }, { payment_days: 1.5 }, { fine: 1 }]) {
    assert.equal((await patch(body)).statusCode, 422, JSON.stringify(body));
  }
  const changed = await h.ok(patch({ hearing_threshold: 3000 }));
  assert.equal(changed.hearing_threshold, 3000);
  assert.match(changed.updated_by, /admin/);
  const id = await h.ordered('unicom', '2026-10-12', '2026-10-13');
  h.setDay('2026-10-14');
  await h.ok(h.step(id, 'recheck_not_corrected', { reason: '未整改' }));
  const n = await h.ok(h.issue(id, { kind: 'penalty_notice', proposed_fine: 3000 }));
  const served = await h.ok(h.step(id, 'serve_notice', { document_id: n.id, service: { method: 'in_person', served_on: '2026-10-14' } }));
  assert.equal(served.hearing_available, true);
  assert.equal(served.settings.hearing_threshold, 3000);
  await h.ok(patch({ hearing_threshold: 5000 }));
  const audit = (await h.ok(h.t.app.inject({ method: 'GET', url: '/api/audit?action=case_settings.update', headers: h.s.admin.headers }))).items;
  assert.equal(audit.length, 2);
  assert.equal(audit[1].after.hearing_threshold, 3000);
});
