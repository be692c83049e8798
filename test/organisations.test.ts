import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appPerFile } from './support/test.app.ts';

/**
 * Organisations carry the registered name that notices and decisions name the party by; admins
 * keep it, every change is audited, and a name that is no name is refused with a clear 422.
 */
const admin = appPerFile('admin');
const send = (method: 'POST' | 'PATCH', url: string, payload: object) => admin.t.app.inject({ method, url, payload, headers: admin.session.headers });

test('the fixture carriers have their registered names; the short name stays for the map', async () => {
  const items = (await admin.t.app.inject({ method: 'GET', url: '/api/organisations' })).json().items as { code: string; name_zh: string; legal_name_zh: string | null }[];
  const unicom = items.find((o) => o.code === 'unicom')!;
  assert.deepEqual([unicom.name_zh, unicom.legal_name_zh], ['中国联通', '中国联合网络通信有限公司聊城市分公司']);
  assert.equal(items.filter((o) => o.legal_name_zh !== null).length, 4, 'the four carriers, nobody else');
});

test('an admin sets and clears the registered name; each change is audited; bad names are refused (422 invalid_body) and change nothing', async () => {
  const created = await send('POST', '/api/organisations', { code: 'tower', name_zh: '铁塔公司', legal_name_zh: '中国铁塔股份有限公司聊城市分公司', name_en: 'China Tower', kind: 'other' });
  assert.equal(created.statusCode, 201);
  const id = created.json().id as number;
  assert.equal(created.json().legal_name_zh, '中国铁塔股份有限公司聊城市分公司');
  for (const bad of ['', 'x', 'x'.repeat(121), 42]) {
    const res = await send('PATCH', `/api/organisations/${id}`, { legal_name_zh: bad });
    assert.equal(res.statusCode, 422, JSON.stringify(bad));
    assert.equal(res.json().error.code, 'invalid_body');
  }
  const kept = (await admin.t.db.query<{ legal_name_zh: string }>('SELECT legal_name_zh FROM organisations WHERE id = $1', [id])).rows[0]!;
  assert.equal(kept.legal_name_zh, '中国铁塔股份有限公司聊城市分公司', 'nothing changed');
  const cleared = await send('PATCH', `/api/organisations/${id}`, { legal_name_zh: null });
  assert.equal(cleared.statusCode, 200);
  assert.equal(cleared.json().legal_name_zh, null);
  const audit = (await admin.t.db.query<{ action: string; before: { legal_name_zh: string | null } | null; after: { legal_name_zh: string | null } }>(
    "SELECT action, before, after FROM audit_log WHERE entity_type = 'organisation' AND entity_id = $1 ORDER BY id", [String(id)])).rows;
  assert.deepEqual(audit.map((a) => [a.action, a.before?.legal_name_zh ?? null, a.after.legal_name_zh]), [
    ['organisation.create', null, '中国铁塔股份有限公司聊城市分公司'],
    ['organisation.update', '中国铁塔股份有限公司聊城市分公司', null],
  ]);
});
