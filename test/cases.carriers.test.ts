import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { caseHarness, type CaseHarness } from './support/cases.driver.ts';

/**
 * A carrier sees only its own firm's cases, and only once the order has been served on it;
 * everything else answers 404 as if it did not exist. Officers change the party with a reason.
 */
let h: CaseHarness;
before(async () => { h = await caseHarness('2026-10-12'); });
after(() => h.t.close());

const list = async (who = h.s.unicom, query = '') => (await h.ok(h.t.app.inject({ method: 'GET', url: `/api/cases?limit=200${query}`, headers: who.headers }))).items as { id: number }[];

test('before the order is served a case is the city’s; after, the responsible firm sees it and may report its correction', async () => {
  h.setDay('2026-10-12');
  const c = await h.ok(h.create());
  assert.equal((await h.get(c.id, h.s.unicom)).statusCode, 404);
  assert.ok(!(await list()).some((x) => x.id === c.id));
  const id = await h.ordered('unicom', '2026-10-12', '2026-10-16');
  const mine = await h.get(id, h.s.unicom);
  assert.equal(mine.statusCode, 200);
  assert.deepEqual(mine.json().next_actions, ['submit_correction']);
  assert.deepEqual(mine.json().can_issue, []);
  assert.ok((await list()).some((x) => x.id === id));
  assert.ok(!(await list(h.s.unicom)).some((x) => x.id === c.id));
  const doc = mine.json().documents[0];
  assert.equal((await h.t.app.inject({ method: 'GET', url: doc.url, headers: h.s.unicom.headers })).statusCode, 200);
});

test('another firm’s carrier gets 404 for the case, its documents, its map point and its steps', async () => {
  const id = await h.ordered('unicom', '2026-10-12', '2026-10-16');
  const detail = await h.ok(h.get(id));
  assert.equal((await h.get(id, h.s.telecom)).statusCode, 404);
  assert.ok(!(await list(h.s.telecom)).some((x) => x.id === id));
  assert.equal((await h.t.app.inject({ method: 'GET', url: detail.documents[0].url, headers: h.s.telecom.headers })).statusCode, 404);
  const step = await h.t.app.inject({ method: 'POST', url: `/api/cases/${id}/transitions`, headers: h.s.telecom.headers, payload: { action: 'submit_correction', version: detail.version } });
  assert.equal(step.statusCode, 404);
  const map = await h.ok(h.t.app.inject({ method: 'GET', url: `/api/cases/map?bbox=${detail.lng - 0.001},${detail.lat - 0.001},${detail.lng + 0.001},${detail.lat + 0.001}`, headers: h.s.telecom.headers }));
  assert.ok(!map.features.some((f: { id: number }) => f.id === id));
  const officerMap = await h.ok(h.t.app.inject({ method: 'GET', url: `/api/cases/map?bbox=${detail.lng - 0.001},${detail.lat - 0.001},${detail.lng + 0.001},${detail.lat + 0.001}`, headers: h.s.officer.headers }));
  const f = officerMap.features.find((x: { id: number }) => x.id === id);
  assert.deepEqual(Object.keys(f.properties).sort(), ['category', 'id', 'number', 'overdue', 'state']);
  // The owning firm may report; a carrier may take no other step.
  const withdraw = await h.step(id, 'withdraw', { reason: '撤回' }, h.s.unicom);
  assert.equal(withdraw.statusCode, 403);
  assert.equal((await h.step(id, 'submit_correction', {}, h.s.unicom)).statusCode, 200);
});

test('a carrier sees only the documents served on it', async () => {
  const id = await h.ordered('unicom', '2026-10-12', '2026-10-13');
  h.setDay('2026-10-14');
  await h.ok(h.step(id, 'recheck_not_corrected', { reason: '未整改' }));
  const notice = await h.ok(h.issue(id, { kind: 'penalty_notice', proposed_fine: 2000 }));
  const seen = await h.ok(h.get(id, h.s.unicom));
  assert.deepEqual(seen.documents.map((d: { kind: string }) => d.kind), ['order']);
  assert.equal((await h.t.app.inject({ method: 'GET', url: notice.url, headers: h.s.unicom.headers })).statusCode, 404);
  assert.equal((await h.ok(h.get(id))).documents.length, 2);
});

test('viewers read, planners see only the stats, neither acts', async () => {
  const c = await h.ok(h.create());
  assert.equal((await h.get(c.id, h.s.viewer)).statusCode, 200);
  assert.deepEqual((await h.ok(h.get(c.id, h.s.viewer))).next_actions, []);
  assert.equal((await h.get(c.id, h.s.planner)).statusCode, 403);
  assert.equal((await h.step(c.id, 'open', {}, h.s.viewer)).statusCode, 403);
  assert.equal((await h.t.app.inject({ method: 'GET', url: '/api/cases/stats', headers: h.s.planner.headers })).statusCode, 200);
});

test('the responsible organisation: proposed from ownership, changed with a reason until the order is served', async () => {
  const poles = [...(await h.freePoles('unicom', 1)), ...(await h.freePoles('telecom', 1))];
  const mixed = await h.ok(h.create({ pole_ids: poles }));
  assert.equal(mixed.responsible_org, null, 'two owners: no single party proposed');
  const cannot = await h.issue(mixed.id, { kind: 'order', correction_working_days: 3, correction_required: '拆除' });
  assert.equal(cannot.statusCode, 409, 'not investigating yet');
  const noReason = await h.t.app.inject({ method: 'POST', url: `/api/cases/${mixed.id}/responsible`, headers: h.s.officer.headers, payload: { org: 'telecom' } });
  assert.equal(noReason.statusCode, 422);
  const set = await h.ok(h.t.app.inject({ method: 'POST', url: `/api/cases/${mixed.id}/responsible`, headers: h.s.officer.headers, payload: { org: 'telecom', reason: '联通已书面放弃该杆，电信为实际使用人' } }));
  assert.equal(set.responsible_org.code, 'telecom');
  assert.equal(set.version, mixed.version + 1);
  const ev = set.events.at(-1);
  assert.deepEqual([ev.action, ev.reason, ev.details], ['change_responsible', '联通已书面放弃该杆，电信为实际使用人', { from: null, to: 'telecom' }]);
  const same = await h.t.app.inject({ method: 'POST', url: `/api/cases/${mixed.id}/responsible`, headers: h.s.officer.headers, payload: { org: 'telecom', reason: '再次' } });
  assert.equal(same.statusCode, 422);
  const unknown = await h.t.app.inject({ method: 'POST', url: `/api/cases/${mixed.id}/responsible`, headers: h.s.officer.headers, payload: { org: 'nosuchorg', reason: '测试' } });
  assert.equal(unknown.statusCode, 422);
  const authority = await h.t.app.inject({ method: 'POST', url: `/api/cases/${mixed.id}/responsible`, headers: h.s.officer.headers, payload: { org: 'enforcement', reason: '测试' } });
  assert.equal(authority.json().error.code, 'not_a_party');
  const audit = (await h.ok(h.t.app.inject({ method: 'GET', url: `/api/audit?entity_type=case&entity_id=${mixed.id}&action=case.responsible`, headers: h.s.admin.headers }))).items;
  assert.equal(audit.length, 1);

  const id = await h.ordered('unicom', '2026-10-12', '2026-10-16');
  const fixed = await h.t.app.inject({ method: 'POST', url: `/api/cases/${id}/responsible`, headers: h.s.officer.headers, payload: { org: 'telecom', reason: '改为电信' } });
  assert.equal(fixed.statusCode, 409);
  assert.equal(fixed.json().error.code, 'party_fixed');
});

test('officers on a case: only enabled officers; a carrier of the party sees them', async () => {
  const c = await h.ok(h.create());
  const viewerId = (await h.one<{ id: number }>("SELECT id FROM users WHERE username = 'viewer'")).id;
  const bad = await h.t.app.inject({ method: 'PUT', url: `/api/cases/${c.id}/officers`, headers: h.s.officer.headers, payload: { user_ids: [c.officers[0].id, viewerId] } });
  assert.equal(bad.statusCode, 422);
  assert.equal(bad.json().error.code, 'not_an_officer');
  const noOne = await h.t.app.inject({ method: 'PUT', url: `/api/cases/${c.id}/officers`, headers: h.s.officer.headers, payload: { user_ids: [999999] } });
  assert.equal(noOne.statusCode, 422);
  const byAdmin = await h.create({}, h.s.admin);
  assert.equal(byAdmin.statusCode, 201);
  assert.deepEqual(byAdmin.json().officers, [], 'an admin is not an officer and is not listed');
});

test('the officer directory lists enabled officers only, for officers and admins; a carrier is refused', async () => {
  const names = async (who = h.s.officer) => ((await h.ok(h.t.app.inject({ method: 'GET', url: '/api/cases/officers', headers: who.headers }))).items as { username: string }[]).map((o) => o.username);
  const listed = await names();
  assert.ok(listed.includes('officer') && listed.includes('officer2'), 'both fixture officers are offered');
  assert.ok(!listed.some((u) => ['admin', 'viewer', 'planner', 'unicom'].includes(u)), 'no one of another role');
  assert.deepEqual(await names(h.s.admin), listed);
  await h.t.db.query("UPDATE users SET disabled = true WHERE username = 'officer2'");
  try {
    assert.ok(!(await names()).includes('officer2'), 'a disabled officer is not offered');
  } finally {
    await h.t.db.query("UPDATE users SET disabled = false WHERE username = 'officer2'");
  }
  for (const who of [h.s.unicom, h.s.planner]) assert.equal((await h.t.app.inject({ method: 'GET', url: '/api/cases/officers', headers: who.headers })).statusCode, 403);
});
