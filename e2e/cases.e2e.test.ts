import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import type { CaseDetail } from '../web/src/api/cases.types.ts';
import type { DrawnPoleSummary } from '../web/src/app/test.hook.ts';
import { jpegWithExif } from '../test/support/exif.jpeg.ts';
import { idle, scrollTo, signInOk } from './page.actions.ts';
import { openBrowserSession, type BrowserSession, type RunningServer } from './server.harness.ts';

/**
 * An enforcement case end to end, in the browser, on a server whose clock the test moves:
 * an officer flags two poles on the map with a photo, opens the case, gets a second officer,
 * investigates, issues and serves the order; the carrier sees the order, uploads proof and
 * reports the correction; after the deadline the officer rechecks "not corrected", issues and
 * serves the notice, decides a fine once the statement period is over, serves the decision,
 * records the payment and closes the case. Then the decision as printed, the case layer, the
 * case list and the dashboard's enforcement charts.
 */
let session: BrowserSession | undefined;
let server: RunningServer;
let context: BrowserContext;
let page: Page;
let files: string;
let sitePhoto: string;
let proofPhoto: string;
const SHOTS = 'e2e/screenshots';
/** every context whose clock follows the server's */
const contexts: BrowserContext[] = [];

/** Monday 2 March 2026, 10:00 in Liaocheng: a plain working week, well inside the entered 2026 calendar. */
const T0 = '2026-03-02T02:00:00Z';
let now = new Date(T0);

const PNG_BASE64 =
  'iVBORw0KGgoAAAANSUhEUgAAABAAAAAQCAIAAACQkWg2AAAAJElEQVR42mM4YaMBR79O2MARLnGGQaiBGEXI4oNRw2g8DAoNAP5klRDdg/lRAAAAAElFTkSuQmCC';
const DESCRIPTION = '两根废弃水泥杆仍立在人行道上，杆上线缆已断开垂落，影响通行';
const REQUIRED = '拔除两根废弃线杆并清理垂落线缆，恢复人行道原状';
const SERVED_TO = '张伟（中国电信聊城分公司网络部经理）';
const RECEIPT = 'FS-2026-000317';

let poleA: DrawnPoleSummary;
let poleB: DrawnPoleSummary;
let caseId = 0;
let caseNumber = '';

before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  files = mkdtempSync(join(tmpdir(), 'polewatch-cases-'));
  sitePhoto = join(files, 'site.png');
  writeFileSync(sitePhoto, Buffer.from(PNG_BASE64, 'base64'));
  session = await openBrowserSession(3301, { baseURL: true, clock: true });
  ({ server, context, page } = session);
  await server.setNow(now);
  await context.clock.install({ time: now });
  contexts.push(context);
});
after(async () => {
  await session?.close();
  if (files) rmSync(files, { recursive: true, force: true });
});

/** Moves the server's clock and every open browser's to `iso`. */
async function at(iso: string): Promise<void> {
  now = new Date(iso);
  await server.setNow(now);
  for (const c of contexts) await c.clock.setSystemTime(now);
}

/** Another person at another browser, on the same clock. */
async function otherBrowser(): Promise<{ ctx: BrowserContext; p: Page }> {
  const ctx = await session!.browser.newContext({ viewport: { width: 1400, height: 900 }, baseURL: server.url });
  await ctx.clock.install({ time: now });
  contexts.push(ctx);
  const p = await ctx.newPage();
  await p.goto('/');
  await p.evaluate(() => window.polewatch!.ready);
  return { ctx, p };
}

async function closeBrowser(ctx: BrowserContext): Promise<void> {
  contexts.splice(contexts.indexOf(ctx), 1);
  await ctx.close();
}

const panel = (p: Page) => p.locator('#case-panel');
const stateOf = (p: Page) => p.locator('#case-panel [data-testid="case-state"]').innerText();
const dialog = (p: Page, testId: string) => p.locator(`dialog[open] [data-testid="${testId}"]`);

async function waitState(p: Page, state: string): Promise<void> {
  await p.waitForFunction((s) => document.querySelector('#case-panel [data-testid="case-state"]')?.getAttribute('data-state') === s, state);
}

/** Opens the case the way the list does, and waits for it. */
async function openCase(p: Page, id: number): Promise<void> {
  await p.evaluate((caseIdToOpen) => window.polewatch!.openCase(caseIdToOpen), id);
  await p.waitForSelector('#case-panel[data-detail="ready"]');
  await idle(p);
}

/** Presses a next-step button and confirms its form as it is. */
async function simpleStep(p: Page, action: string, reason?: string): Promise<void> {
  await p.click(`#case-panel [data-testid="action-${action}"]`);
  const form = dialog(p, `action-form-${action}`);
  await form.waitFor();
  if (reason !== undefined) await form.locator('textarea[name="reason"]').fill(reason);
  await form.locator('[data-testid="action-confirm"]').click();
  await form.waitFor({ state: 'detached' });
}

async function actions(p: Page): Promise<string[]> {
  return p.$$eval('#case-panel [data-testid="case-actions"] button', (buttons) => buttons.map((b) => b.getAttribute('data-action') ?? ''));
}

/** A request as the signed-in page sends it (with its CSRF token); status and JSON body. */
async function send(p: Page, method: string, path: string, body: unknown): Promise<{ status: number; body: unknown }> {
  return p.evaluate(
    async ({ method, path, body }) => {
      const me = (await (await fetch('/api/auth/me')).json()) as { csrfToken: string };
      const res = await fetch(path, { method, headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': me.csrfToken }, body: JSON.stringify(body) });
      return { status: res.status, body: (await res.json()) as unknown };
    },
    { method, path, body },
  );
}

/** Where a pole is drawn on the screen. */
async function screenPoint(p: Page, pole: { lat: number; lng: number }): Promise<{ x: number; y: number }> {
  return p.evaluate(({ lat, lng }) => {
    const map = window.polewatch!.map!;
    const pt = map.latLngToContainerPoint([lat, lng]);
    const box = map.getContainer().getBoundingClientRect();
    return { x: box.left + pt.x, y: box.top + pt.y };
  }, pole);
}

test('officer: flags two poles on the map with a photo; unverified photo flags are said in words', async () => {
  await page.goto('/');
  await page.evaluate(() => window.polewatch!.ready);
  await signInOk(page, 'officer');
  await page.evaluate(() => void window.polewatch!.map!.setView([36.455, 115.985], 17, { animate: false }));
  await page.waitForFunction(() => window.polewatch!.mode() === 'poles' && window.polewatch!.lastPoles().length > 0);
  await idle(page);
  // Two neighbouring poles China Telecom is confirmed to own: the server proposes it as the party.
  const drawn = await page.evaluate(() => window.polewatch!.lastPoles());
  const telecom = drawn.filter((p) => p.owner_code === 'telecom' && p.ownership_status === 'confirmed');
  const near = (a: DrawnPoleSummary, b: DrawnPoleSummary) => a.id !== b.id && Math.abs(a.lat - b.lat) < 0.0005 && Math.abs(a.lng - b.lng) < 0.0006;
  const pair = telecom.map((a) => [a, telecom.find((b) => near(a, b))] as const).find(([, b]) => b !== undefined);
  assert.ok(pair?.[1], 'two neighbouring telecom poles are drawn');
  [poleA, poleB] = [pair[0], pair[1]];

  await page.evaluate((id) => window.polewatch!.openPole(id), poleA.id);
  await page.waitForSelector('#pole-panel[data-detail="ready"]');
  await page.click('[data-testid="flag-open"]');
  const form = page.locator('[data-testid="flag-form"]');
  await form.waitFor();
  assert.ok(await page.locator('#pole-panel').isHidden(), 'one right-hand panel at a time');
  assert.deepEqual(await page.evaluate(() => window.polewatch!.pickedPoles()), [poleA.id]);

  // Picking on: a click on the neighbour adds it to the case instead of opening its panel.
  await form.locator('[data-testid="flag-pick"]').click();
  await idle(page);
  const xy = await screenPoint(page, poleB);
  await page.mouse.click(xy.x, xy.y);
  await page.waitForFunction((ids) => JSON.stringify(window.polewatch!.pickedPoles()) === JSON.stringify(ids), [poleA.id, poleB.id]);
  assert.ok(await page.locator('#pole-panel').isHidden(), 'picking did not open the pole panel');
  assert.match(await form.locator('[data-testid="flag-poles"]').innerText(), new RegExp(`${poleA.code}[\\s\\S]*${poleB.code}`));

  // What is missing is said next to the field.
  await form.locator('[data-testid="flag-submit"]').click();
  assert.match(await form.innerText(), /请选择违法类型/);
  await form.locator('select[name="category"]').selectOption('abandoned_not_removed');
  await form.locator('textarea[name="description"]').fill(DESCRIPTION);
  assert.equal(await page.locator('[data-testid="flag-photos"]').getAttribute('capture'), 'environment');
  assert.equal(await page.locator('[data-testid="flag-photos"]').getAttribute('accept'), 'image/*');
  await page.setInputFiles('[data-testid="flag-photos"]', sitePhoto);
  await page.screenshot({ path: `${SHOTS}/cases-1-flag-form.png` });

  await form.locator('[data-testid="flag-submit"]').click();
  const verdict = form.locator('[data-testid="flag-results"] [data-testid="photo-badge"]');
  await verdict.waitFor();
  assert.equal(await verdict.getAttribute('data-verified'), 'false');
  assert.match(await verdict.innerText(), /未核验：照片没有 GPS 位置；照片没有拍摄时间/);
  assert.equal(await form.locator('.upload-row progress').evaluate((el) => (el as HTMLProgressElement).value), 1);
  assert.match(await form.innerText(), /已登记案件 聊线执〔2026〕第\d{4}号/);
  await page.screenshot({ path: `${SHOTS}/cases-2-flagged.png` });

  await form.locator('[data-testid="flag-open-case"]').click();
  await page.waitForSelector('#case-panel[data-view="case"][data-detail="ready"]');
  await waitState(page, 'found');
  caseNumber = await page.locator('[data-testid="case-number"]').innerText();
  const found = (await (await page.request.get('/api/cases?limit=5')).json()) as { items: Array<{ id: number; number: string }> };
  caseId = found.items.find((c) => c.number === caseNumber)!.id;
  assert.ok(caseId > 0);
  const text = await panel(page).innerText();
  assert.match(text, /发现/);
  assert.match(text, /废弃线杆未拔除/);
  assert.match(await page.locator('[data-testid="case-party-name"]').innerText(), /中国电信/);
  assert.ok(text.includes(poleA.code) && text.includes(poleB.code));
  assert.ok(text.includes(DESCRIPTION));
  await page.waitForFunction(() => {
    const img = document.querySelector<HTMLImageElement>('#case-panel [data-testid="case-thumb"]');
    return img !== null && img.complete && img.naturalWidth > 0;
  });
  assert.equal(await page.locator('#case-panel [data-testid="photo-badge"]').getAttribute('data-verified'), 'false');
  assert.deepEqual(await actions(page), ['open', 'withdraw']);
  await page.screenshot({ path: `${SHOTS}/cases-3-found.png` });
});

test('officer: a step taken meanwhile elsewhere is refused with words, and the case reloads', async () => {
  // Someone else opens the case while this page still shows it as found.
  const stale = (await (await page.request.get(`/api/cases/${caseId}`)).json()) as CaseDetail;
  assert.equal((await send(page, 'POST', `/api/cases/${caseId}/transitions`, { action: 'open', version: stale.version })).status, 200);
  await page.click('#case-panel [data-testid="action-open"]');
  const form = dialog(page, 'action-form-open');
  await form.locator('[data-testid="action-confirm"]').click();
  await form.locator('.form-message-error').waitFor();
  assert.match(await form.locator('.form-message-error').innerText(), /未能办理：(案件刚被其他人更新过，已重新加载|案件当前状态下不能办理这一步)/);
  await page.screenshot({ path: `${SHOTS}/cases-4-conflict.png` });
  await page.keyboard.press('Escape');
  await waitState(page, 'opened');
  assert.equal(await stateOf(page), '立案');
});

test('a second officer joins (chosen by the officer from the officer directory), then the officer starts the investigation', async () => {
  // One officer on the case: no investigation offered, and the reason is said.
  assert.ok(!(await actions(page)).includes('investigate'));
  assert.match(await panel(page).locator('[data-testid="case-officers"]').innerText(), /调查取证需要至少两名执法人员/);

  await page.click('#case-panel [data-testid="officers-add"]');
  const chooser = page.locator('#case-panel [data-testid="officers-select"]');
  await chooser.waitFor();
  const option = await chooser.locator('option', { hasText: 'officer2' }).getAttribute('value');
  assert.ok(option, 'officer2 is offered');
  await chooser.selectOption(option);
  await page.waitForFunction(() => /officer2/.test(document.querySelector('#case-panel [data-testid="case-officer-names"]')?.textContent ?? ''));

  await openCase(page, caseId);
  assert.match(await page.locator('[data-testid="case-officer-names"]').innerText(), /王执法（officer）、.+（officer2）/);
  assert.ok((await actions(page)).includes('investigate'));
  await simpleStep(page, 'investigate');
  await waitState(page, 'investigating');
  assert.equal(await stateOf(page), '调查取证');
});

test('officer: issues the order with a deadline in working days (the date shown live) and records its service', async () => {
  assert.ok((await actions(page)).includes('serve_order'), 'the order may be issued');
  await page.click('#case-panel [data-testid="action-serve_order"]');
  const form = dialog(page, 'action-form-serve_order');
  await form.waitFor();
  await form.locator('[data-testid="action-confirm"]').click();
  assert.match(await form.innerText(), /请填写改正要求/);
  await form.locator('textarea[name="correction_required"]').fill(REQUIRED);
  await form.locator('input[name="working_days"]').fill('3');
  // Mon 2 March + 3 working days, by the server's calendar.
  await page.waitForFunction(() => document.querySelector('[data-testid="deadline-computed"]')?.getAttribute('data-date') === '2026-03-05');
  assert.match(await form.locator('[data-testid="deadline-computed"]').innerText(), /截止日期：2026年3月5日/);
  await page.screenshot({ path: `${SHOTS}/cases-5-order-form.png` });
  await form.locator('[data-testid="action-confirm"]').click();

  // Issued: the same form goes on to its service, with the print-ready page a click away.
  await form.locator('[data-testid="issued-note"]').waitFor();
  assert.match(await form.locator('[data-testid="issued-note"]').innerText(), /已制作 责令限期改正通知书/);
  assert.equal(await form.locator('[data-testid="doc-open-order"]').getAttribute('target'), '_blank');
  // A day before the order was issued: the server refuses it, in words.
  await form.locator('input[name="served_on"]').fill('2026-03-01');
  await form.locator('input[name="served_to"]').fill(SERVED_TO);
  await form.locator('[data-testid="action-confirm"]').click();
  await form.locator('.form-message-error').waitFor();
  assert.match(await form.locator('.form-message-error').innerText(), /送达日期不能早于文书制作日期/);
  await form.locator('input[name="served_on"]').fill('2026-03-02');
  await form.locator('[data-testid="action-confirm"]').click();
  await form.waitFor({ state: 'detached' });
  await waitState(page, 'ordered');

  const docs = page.locator('#case-panel [data-testid="case-documents"]');
  const order = docs.locator('li[data-kind="order"]');
  assert.match(await order.innerText(), /责令限期改正通知书/);
  assert.match(await order.locator('[data-testid="doc-sha"]').innerText(), /^校验值 [0-9a-f]{12}$/);
  assert.match(await order.locator('[data-testid="doc-service"]').innerText(), /已送达：直接送达，2026年3月2日，受送达人：张伟/);
  assert.match(await page.locator('[data-testid="case-deadline"]').innerText(), /2026年3月5日/);
  await scrollTo(page, '#case-panel [data-testid="case-documents"] li[data-kind="order"]');
  await page.screenshot({ path: `${SHOTS}/cases-6-ordered.png` });
});

test('the case layer draws the open case in its stage colour, and opens it', async () => {
  const c = (await (await page.request.get(`/api/cases/${caseId}`)).json()) as CaseDetail;
  await page.click('#case-panel [data-testid="case-close"]');
  await page.evaluate(({ lat, lng }) => void window.polewatch!.map!.setView([lat, lng], 17, { animate: false }), c);
  await idle(page);
  await page.check('#layer-cases');
  await page.waitForFunction((id) => window.polewatch!.caseMarkers().some((c) => c.id === id && c.state === 'ordered'), caseId);
  assert.ok(await page.locator('[data-testid="legend-cases"]').isVisible());
  const marker = page.locator(`.case-marker[data-case-id="${caseId}"]`);
  assert.match((await marker.getAttribute('class')) ?? '', /case-phase-correction/);
  assert.equal(await marker.getAttribute('title'), `${caseNumber} · 责令限期改正`);
  await marker.click();
  await page.waitForSelector('#case-panel[data-detail="ready"]');
  await page.screenshot({ path: `${SHOTS}/cases-7-layer.png` });

  // The pole's own panel names its open case, a click from the case.
  await page.evaluate((id) => window.polewatch!.openPole(id), poleB.id);
  await page.waitForSelector('#pole-panel[data-detail="ready"]');
  const listed = page.locator(`#pole-panel [data-testid="pole-cases"] li[data-case-id="${caseId}"]`);
  await listed.waitFor();
  assert.ok(await page.locator('#case-panel').isHidden());
  await listed.locator('[data-testid="pole-case-open"]').click();
  await page.waitForSelector('#case-panel[data-detail="ready"]');
  assert.ok(await page.locator('#pole-panel').isHidden());
});

test('carrier: sees the order served on its firm, uploads proof of the fix and reports the correction', async () => {
  await at('2026-03-03T06:00:00Z');
  proofPhoto = join(files, 'fixed.jpg');
  writeFileSync(proofPhoto, await jpegWithExif({ lat: poleA.lat, lng: poleA.lng, takenAt: '2026:03:03 13:30:00', seed: 3 }));
  const { ctx, p } = await otherBrowser();
  await signInOk(p, 'telecom');
  await p.click('#work-toggle');
  await p.click('[data-testid="work-tab-orders"]');
  const item = p.locator(`[data-testid="orders-list"] [data-testid="case-item"][data-case-id="${caseId}"]`);
  await item.waitFor();
  assert.match(await item.innerText(), /责令限期改正/);
  await p.screenshot({ path: `${SHOTS}/cases-8-carrier-orders.png` });
  await item.locator('[data-testid="case-open"]').click();
  await p.waitForSelector('#case-panel[data-detail="ready"]');
  // Only its own step; the served order is there to read.
  assert.deepEqual(await actions(p), ['submit_correction']);
  assert.equal(await p.locator('#case-panel li[data-kind="order"]').count(), 1);

  await p.setInputFiles('[data-testid="case-photo-input-correction_proof"]', proofPhoto);
  await p.click('[data-testid="case-photo-upload-correction_proof"]');
  const proof = p.locator('#case-panel li.case-photo[data-purpose="correction_proof"]');
  await proof.waitFor();
  assert.equal(await proof.locator('[data-testid="photo-badge"]').getAttribute('data-verified'), 'true');
  assert.match(await proof.innerText(), /已核验[\s\S]*整改照片/);
  await simpleStep(p, 'submit_correction');
  await waitState(p, 'correction_submitted');
  assert.deepEqual(await actions(p), []);
  await scrollTo(p, '#case-panel [data-testid="case-photos"]');
  await p.screenshot({ path: `${SHOTS}/cases-9-carrier-submitted.png` });
  await closeBrowser(ctx);
});

test('officer, after the deadline: the list shows the case overdue; recheck not corrected; the notice is issued and served', async () => {
  await at('2026-03-06T02:00:00Z');
  await page.click('#case-panel [data-testid="case-close"]');
  await page.click('#work-toggle');
  await page.click('[data-testid="work-tab-cases"]');
  const item = page.locator(`[data-testid="cases-list"] [data-testid="case-item"][data-case-id="${caseId}"]`);
  await item.waitFor();
  assert.equal(await item.getAttribute('data-overdue'), 'true');
  assert.match(await item.innerText(), /逾期/);
  // Only overdue, then due this week: the filters go to the server.
  await page.check('[data-testid="case-filters"] input[name="overdue"]');
  await item.waitFor();
  await page.waitForSelector('[data-testid="cases-count"]');
  await page.screenshot({ path: `${SHOTS}/cases-10-list-overdue.png` });
  await page.uncheck('[data-testid="case-filters"] input[name="overdue"]');
  await item.waitFor();

  await item.locator('[data-testid="case-open"]').click();
  await page.waitForSelector('#case-panel[data-detail="ready"]');
  await waitState(page, 'correction_submitted');
  assert.ok(await page.locator('[data-testid="case-overdue"]').isVisible());
  await page.click('#work-panel .panel-head .icon-button');
  await simpleStep(page, 'recheck_not_corrected', '3月6日现场复查：两根废弃线杆仍未拔除，垂落线缆未清理');
  await waitState(page, 'not_corrected');

  await page.click('#case-panel [data-testid="action-serve_notice"]');
  const form = dialog(page, 'action-form-serve_notice');
  await form.waitFor();
  const fine = form.locator('input[name="proposed_fine"]');
  await fine.fill('999');
  await form.locator('[data-testid="action-confirm"]').click();
  assert.match(await form.innerText(), /罚款金额须为 1000 至 10000 元之间的整数/);
  await fine.fill('6000');
  assert.match(await form.locator('[data-testid="hearing-hint"]').innerText(), /达到 5,000 元，当事人有权要求听证/);
  await page.screenshot({ path: `${SHOTS}/cases-11-notice-hearing-hint.png` });
  await fine.fill('3000');
  assert.match(await form.locator('[data-testid="hearing-hint"]').innerText(), /低于 5,000 元，不适用听证程序/);
  await form.locator('[data-testid="action-confirm"]').click();
  await form.locator('[data-testid="issued-note"]').waitFor();
  await form.locator('input[name="served_to"]').fill(SERVED_TO);
  await form.locator('[data-testid="action-confirm"]').click();
  await form.waitFor({ state: 'detached' });
  await waitState(page, 'penalty_noticed');
  assert.match(await panel(page).innerText(), /陈述申辩期至\s*2026年3月11日/);
  assert.ok(!(await actions(page)).includes('decide'), 'no decision while the statement period runs');
});

test('officer, after the statement period: decides the fine, serves the decision, records payment and closes', async () => {
  await at('2026-03-12T02:00:00Z');
  await openCase(page, caseId);
  assert.ok((await actions(page)).includes('decide'));
  await page.click('#case-panel [data-testid="action-decide"]');
  const form = dialog(page, 'action-form-decide');
  await form.waitFor();
  assert.equal(await form.locator('input[name="fine_yuan"]').inputValue(), '3000');
  await form.locator('[data-testid="action-confirm"]').click();
  await form.locator('[data-testid="issued-note"]').waitFor();
  assert.match(await form.locator('[data-testid="issued-note"]').innerText(), /已制作 行政处罚决定书/);
  await form.locator('[data-testid="action-confirm"]').click();
  await form.waitFor({ state: 'detached' });
  await waitState(page, 'decided');
  assert.match(await page.locator('[data-testid="case-fine"]').innerText(), /3,000 元/);

  await page.click('#case-panel [data-testid="action-serve_decision"]');
  const serve = dialog(page, 'action-form-serve_decision');
  await serve.locator('input[name="served_to"]').fill(SERVED_TO);
  await serve.locator('[data-testid="action-confirm"]').click();
  await serve.waitFor({ state: 'detached' });
  await waitState(page, 'decision_served');
  assert.equal(await stateOf(page), '送达');

  await page.click('#case-panel [data-testid="action-record_payment"]');
  const pay = dialog(page, 'action-form-record_payment');
  await pay.locator('[data-testid="action-confirm"]').click();
  assert.match(await pay.innerText(), /请填写收据号/);
  await pay.locator('input[name="receipt_no"]').fill(RECEIPT);
  await pay.locator('[data-testid="action-confirm"]').click();
  await pay.waitFor({ state: 'detached' });
  await waitState(page, 'paid');
  assert.equal(await stateOf(page), '缴纳');

  await simpleStep(page, 'close');
  await waitState(page, 'closed');
  assert.equal(await stateOf(page), '结案');
  assert.match(await page.locator('[data-testid="case-outcome"]').innerText(), /罚款已缴纳/);
  assert.deepEqual(await actions(page), []);
  assert.equal(await page.locator('#case-panel [data-testid="case-photo-adder-evidence"]').count(), 0, 'no more photos on a closed case');

  // The whole file: every step, who and when, from → to.
  const timeline = await page.locator('[data-testid="case-timeline"]').innerText();
  for (const line of ['发现 → 立案', '立案 → 调查取证', '调查取证 → 责令限期改正', '责令限期改正 → 已报整改（待复查）', '已报整改（待复查） → 复查未改正', '复查未改正 → 拟处罚告知', '拟处罚告知 → 处罚决定', '处罚决定 → 送达', '送达 → 缴纳', '缴纳 → 结案']) {
    assert.ok(timeline.includes(line), `the timeline has ${line}`);
  }
  assert.match(timeline, /officer · 2026-03-02 10:\d\d/);
  assert.match(timeline, /telecom · 2026-03-03 14:\d\d/);
  assert.match(timeline, /直接送达，2026年3月2日，受送达人：张伟/);
  assert.match(timeline, /说明：3月6日现场复查/);
  assert.match(timeline, new RegExp(`缴款 2026年3月12日，收据号 ${RECEIPT}`));
  assert.equal(await page.locator('#case-panel li.case-document').count(), 3);
  await scrollTo(page, '[data-testid="case-timeline"]');
  await page.screenshot({ path: `${SHOTS}/cases-12-closed-timeline.png` });
  await scrollTo(page, '#case-panel .case-header');
  await page.screenshot({ path: `${SHOTS}/cases-13-closed.png` });
});

test('the closed case reads in English too', async () => {
  await page.click('[data-lang="en"]');
  await page.waitForFunction(() => document.querySelector('#case-panel [data-testid="case-state"]')?.textContent === 'Closed');
  const text = await panel(page).innerText();
  assert.match(text, /Fine paid/);
  assert.match(text, /Abandoned pole not removed/);
  assert.match(await page.locator('[data-testid="case-timeline"]').innerText(), /Found → Opened/);
  await scrollTo(page, '#case-panel .case-header');
  await page.screenshot({ path: `${SHOTS}/cases-13-closed-en.png` });
  await page.click('[data-lang="zh"]');
  await waitState(page, 'closed');
});

test('the penalty decision opens in a new tab as issued, its Chinese text drawn in a CJK font', async () => {
  const link = page.locator('#case-panel [data-testid="doc-open-decision"]');
  const [doc] = await Promise.all([context.waitForEvent('page'), link.click()]);
  await doc.waitForLoadState('load');
  const text = await doc.locator('body').innerText();
  assert.match(text, /行政处罚决定书/);
  assert.match(text, /中国电信/);
  assert.match(text, /3,000|3000|叁仟/);
  // Every character outside ASCII is drawn with a real glyph in the page's own fonts: a glyph
  // no installed font has comes out exactly like an unassigned code point (a box, or nothing).
  // (A string, not a function: the test runner's transpiler would add helpers the page lacks.)
  const missing = (await doc.evaluate(`(async () => {
    await document.fonts.ready;
    const chars = [...new Set(document.body.innerText.replace(/[\\x00-\\x7f\\s]/g, ''))];
    const font = '24px ' + getComputedStyle(document.body).fontFamily;
    const draw = function (ch) {
      const canvas = document.createElement('canvas');
      canvas.width = 32;
      canvas.height = 32;
      const g = canvas.getContext('2d');
      g.font = font;
      g.textBaseline = 'top';
      g.fillText(ch, 2, 2);
      return Array.from(g.getImageData(0, 0, 32, 32).data).join(',');
    };
    const none = draw('\\u{10FFFD}');
    return chars.filter((ch) => draw(ch) === none);
  })()`)) as string[];
  assert.deepEqual(missing, [], `characters without a glyph: ${missing.join('')}`);
  await doc.setViewportSize({ width: 900, height: 1200 });
  await doc.screenshot({ path: `${SHOTS}/cases-14-decision-document.png`, fullPage: true });

  // The page is exactly the stored bytes: its SHA-256 is the one the case lists.
  const url = await link.getAttribute('href');
  const body = await (await page.request.get(url!)).body();
  const sha = createHash('sha256').update(body).digest('hex');
  const listed = await page.locator('#case-panel li[data-kind="decision"] [data-testid="doc-sha"]').getAttribute('title');
  assert.equal(listed, `SHA-256：${sha}`);
  await doc.close();
});

test('the dashboard charts open cases by state and fines by firm', async () => {
  // Two more cases, left open, so the state chart has something to show.
  const drawn = await page.evaluate(() => window.polewatch!.lastPoles());
  const others = drawn.filter((p) => p.id !== poleA.id && p.id !== poleB.id).slice(0, 2);
  for (const [i, pole] of others.entries()) {
    const body = { category: i === 0 ? 'tangled_cables' : 'broken_unmaintained', pole_ids: [pole.id], description: `巡查发现 ${pole.code}` };
    const res = await send(page, 'POST', '/api/cases', body);
    assert.equal(res.status, 201, JSON.stringify(res.body));
  }
  await page.goto('/dashboard.html');
  await page.waitForSelector('#dashboard[data-state="ready"]');
  await page.waitForSelector('[data-testid="chart-cases-state"][data-chart-ready="1"]');
  await page.waitForSelector('[data-testid="chart-fines-firm"][data-chart-ready="1"]');
  assert.equal(await page.locator('[data-testid="kpi-cases-value"]').innerText(), '2');
  assert.equal(await page.locator('[data-testid="kpi-overdue-value"]').innerText(), '0');
  assert.match(await page.locator('[data-testid="kpi-cases"]').innerText(), /今年立案 3 件，结案 1 件/);
  const telecom = page.locator('table.data-table tr[data-code="telecom"]');
  assert.match(await telecom.innerText(), /3,000/);
  await page.locator('[data-testid="enforcement"]').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/cases-15-dashboard.png` });
});
