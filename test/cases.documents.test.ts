import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { caseHarness, type CaseHarness } from './support/cases.driver.ts';

/** The issued documents: complete, correct, escaped, numbered, and served byte for byte. */
let h: CaseHarness;
const REGULATION = '《聊城市测试条例》';
before(async () => { h = await caseHarness('2026-09-28', { CASE_REGULATION: REGULATION }); });
after(() => h.t.close());

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const fetchDoc = (url: string, who = h.s.officer) => h.t.app.inject({ method: 'GET', url, headers: who.headers });
/** Kept for a look in a browser (e2e/screenshots is git-ignored). */
const keep = (name: string, html: string) => {
  mkdirSync('e2e/screenshots', { recursive: true });
  writeFileSync(`e2e/screenshots/case-${name}.html`, html);
};

async function investigating(description = '两根废弃水泥杆，无线缆挂载') {
  const c = await h.ok(h.create({ description, officer_ids: [(await h.one<{ id: number }>("SELECT id FROM users WHERE username = 'officer2'")).id] }));
  await h.ok(h.step(c.id, 'open'));
  await h.ok(h.step(c.id, 'investigate'));
  return c;
}

test('the order to correct: party, poles, Art. 41, deadline, consequences, remedies; stored bytes hash to the recorded SHA-256', async () => {
  h.setDay('2026-09-28');
  const c = await investigating('杆体倾斜 <script>alert(1)</script> & 无人维护');
  const doc = await h.ok(h.issue(c.id, { kind: 'order', correction_deadline: '2026-10-12', correction_required: '拆除全部废弃线杆并恢复路面' }));
  const res = await fetchDoc(doc.url);
  assert.equal(res.statusCode, 200);
  assert.equal(res.headers['content-type'], 'text/html; charset=utf-8');
  assert.equal(sha(res.rawPayload), doc.sha256, 'GET returns exactly the stored bytes');
  const stored = await h.one<{ sha256: string }>('SELECT sha256 FROM case_documents WHERE id = $1', [doc.id]);
  assert.equal(stored.sha256, doc.sha256);
  const html = res.body;
  keep('order', html);
  assert.match(html, /^<!DOCTYPE html>/);
  assert.match(html, /<html lang="zh-CN">/);
  assert.match(html, /@page \{ size: A4;/);
  assert.match(html, /"Noto Sans CJK SC", "WenQuanYi Micro Hei", "Microsoft YaHei", sans-serif/);
  assert.match(html, /聊城市综合行政执法局/);
  assert.match(html, /<h1>责令限期改正通知书<\/h1>/);
  assert.ok(html.includes(doc.number));
  assert.match(html, /中国联合网络通信有限公司聊城市分公司：/, "the party by its registered name, not the short one");
  for (const code of c.pole_codes) assert.ok(html.includes(code), code);
  assert.ok(html.includes(`${REGULATION}第四十一条`), 'the regulation comes from config');
  assert.match(html, /于2026年10月12日前（含当日）/);
  assert.match(html, /拆除全部废弃线杆并恢复路面。/);
  assert.match(html, /处一千元以上一万元以下罚款/);
  assert.match(html, /六十日内向聊城市人民政府申请行政复议，或者在六个月内依法向人民法院提起行政诉讼/);
  assert.match(html, /2026年9月28日/);
  assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt; &amp; 无人维护'), 'data is escaped');
  assert.ok(!html.includes('<script>'));
  assert.match(html, /115\.\d{6}/, 'pole coordinates');
  const detail = await h.ok(h.get(c.id));
  assert.deepEqual(detail.documents.map((d: { sha256: string; served_on: null }) => [d.sha256, d.served_on]), [[doc.sha256, null]]);
});

test('documents are numbered per kind per year, and an issued document cannot be altered or deleted', async () => {
  h.setDay('2026-09-28');
  const c = await investigating();
  const a = await h.ok(h.issue(c.id, { kind: 'order', correction_working_days: 5, correction_required: '拆除' }));
  const b = await h.ok(h.issue(c.id, { kind: 'order', correction_working_days: 5, correction_required: '拆除' }));
  const n = (s: string) => Number(/第(\d{4})号/.exec(s)![1]);
  assert.equal(n(b.number), n(a.number) + 1);
  assert.match(a.number, /^聊综执线责改〔2026〕第/);
  await assert.rejects(h.t.db.query("UPDATE case_documents SET content_html = 'forged' WHERE id = $1", [a.id]));
  await assert.rejects(h.t.db.query('DELETE FROM case_documents WHERE id = $1', [a.id]));
  await assert.rejects(h.t.db.query(`UPDATE case_documents SET sha256 = repeat('0', 64) WHERE id = $1`, [a.id]));
  const html = (await fetchDoc(a.url)).body;
  assert.match(html, /于2026年10月10日前（含当日）（自本通知书签发之日起五个工作日内）改正/, "Mon 09-28 + 5 working days: 09-29, 09-30, 10-08, 10-09 and the make-up Saturday 10-10");
});

test('notice of intended penalty and decision: fine in figures and capitals, statement and hearing rights, payment and enforcement', async () => {
  const id = await h.ordered('unicom', '2026-09-28', '2026-09-30');
  h.setDay('2026-10-08');
  await h.ok(h.step(id, 'recheck_not_corrected', { reason: '复查时废弃线杆仍未拆除' }));
  const notice = await h.ok(h.issue(id, { kind: 'penalty_notice', proposed_fine: 5000 }));
  const nh = (await fetchDoc(notice.url)).body;
  keep('notice', nh);
  assert.match(nh, /<h1>行政处罚告知书<\/h1>/);
  assert.match(nh, /罚款人民币5,000元（大写：伍仟元整）/);
  assert.match(nh, /第四十四条、第四十五条/);
  assert.match(nh, /收到本告知书之日起三个工作日内向本机关提出陈述、申辩/);
  assert.match(nh, /有权要求举行听证/);
  assert.match(nh, /五个工作日内向本机关提出/);
  assert.match(nh, /本机关于2026年9月28日向你单位送达了《责令限期改正通知书》/);
  assert.match(nh, /于2026年10月8日复查，你单位逾期未改正/);
  await h.ok(h.step(id, 'serve_notice', { document_id: notice.id, service: { method: 'in_person', served_on: '2026-10-08' } }));
  h.setDay('2026-10-15');
  const decision = await h.ok(h.issue(id, { kind: 'decision', fine_yuan: 5000 }));
  const dh = (await fetchDoc(decision.url)).body;
  keep('decision', dh);
  assert.match(decision.number, /^聊综执线罚决〔2026〕第\d{4}号$/);
  assert.match(dh, /当事人：中国联合网络通信有限公司聊城市分公司/);
  assert.match(dh, /罚款人民币5,000元（大写：伍仟元整）/);
  assert.match(dh, /收到本决定书之日起十五日内/);
  assert.match(dh, /每日按罚款数额的百分之三加处罚款/);
  assert.ok(dh.includes(notice.number));
  assert.match(dh, /陈述、申辩期限已于2026年10月12日届满/);
  assert.match(dh, /你单位在规定期限内未要求听证/);
  assert.ok(dh.includes(`${REGULATION}第四十一条`));
});

test('a notice below the threshold offers no hearing', async () => {
  const id = await h.ordered('unicom', '2026-09-28', '2026-09-30');
  h.setDay('2026-10-08');
  await h.ok(h.step(id, 'recheck_not_corrected', { reason: '未整改' }));
  const notice = await h.ok(h.issue(id, { kind: 'penalty_notice', proposed_fine: 4999 }));
  const html = (await fetchDoc(notice.url)).body;
  assert.match(html, /肆仟玖佰玖拾玖元整/);
  assert.doesNotMatch(html, /听证/);
});

test('fines outside whole yuan 1,000–10,000 are refused with 422 and nothing is issued', async () => {
  const id = await h.ordered('unicom', '2026-09-28', '2026-09-30');
  h.setDay('2026-10-08');
  await h.ok(h.step(id, 'recheck_not_corrected', { reason: '未整改' }));
  const before = await h.one<{ n: number }>('SELECT count(*)::int AS n FROM case_documents WHERE case_id = $1', [id]);
  for (const fine of [999, 10001, 1000.5, -5, 0, '5000', null]) {
    const res = await h.issue(id, { kind: 'penalty_notice', proposed_fine: fine });
    assert.equal(res.statusCode, 422, `${fine}: ${res.body}`);
    assert.ok(res.json().error.code, String(fine));
  }
  const after = await h.one<{ n: number }>('SELECT count(*)::int AS n FROM case_documents WHERE case_id = $1', [id]);
  assert.equal(after.n, before.n);
  assert.equal((await h.issue(id, { kind: 'penalty_notice', proposed_fine: 1000 })).statusCode, 201);
  assert.equal((await h.issue(id, { kind: 'penalty_notice', proposed_fine: 10000 })).statusCode, 201);
});

test('order deadlines: after the day of issue, a real date, one form only, inside an entered calendar year', async () => {
  h.setDay('2026-09-28');
  const c = await investigating();
  const bad: [Record<string, unknown>, string][] = [
    [{ correction_deadline: '2026-09-28' }, 'deadline_before_issue'],
    [{ correction_deadline: '2026-09-01' }, 'deadline_before_issue'],
    [{ correction_deadline: '2026-02-30' }, 'invalid_date'],
    [{ correction_deadline: '12/10/2026' }, 'invalid_date'],
    [{ correction_deadline: '2028-01-10' }, 'deadline_too_far'],
    [{}, 'deadline_required'],
    [{ correction_deadline: '2026-10-12', correction_working_days: 3 }, 'deadline_required'],
  ];
  for (const [extra, code] of bad) {
    const res = await h.issue(c.id, { kind: 'order', correction_required: '拆除', ...extra });
    assert.equal(res.statusCode, 422, JSON.stringify(extra));
    assert.equal(res.json().error.code, code, JSON.stringify(extra));
  }
  for (const days of [0, 61, 2.5, '3']) assert.equal((await h.issue(c.id, { kind: 'order', correction_required: '拆除', correction_working_days: days })).statusCode, 422);
  h.setDay('2026-12-24');
  const into2027 = await h.issue(c.id, { kind: 'order', correction_required: '拆除', correction_working_days: 10 });
  assert.equal(into2027.statusCode, 422);
  assert.equal(into2027.json().error.code, 'calendar_year_missing');
  assert.match(into2027.json().error.message, /2027/);
});
