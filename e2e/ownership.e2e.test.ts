import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { OWNERSHIP_COLOURS } from '../web/src/map/pole.style.ts';
import { idle, openPole, signIn, signInOk, signOut } from './page.actions.ts';
import { openBrowserSession, type BrowserSession, type RunningServer } from './server.harness.ts';

/**
 * The ownership workflow end to end: a carrier claims an orphan pole with evidence and a
 * photo; an officer finds it in the review queue, sees the photo and accepts the claim; the
 * map, the panel and the history all show the pole as China Telecom's.
 */
let session: BrowserSession | undefined;
let server: RunningServer;
let browser: Browser;
let page: Page;
let files: string;
const SHOTS = 'e2e/screenshots';

// A real 16×16 PNG (a red and yellow chequerboard), so the server's image checks pass.
const PNG_BASE64 =
  'iVBORw0KGgoAAAANSUhEUgAAABAAAAAQCAIAAACQkWg2AAAAJElEQVR42mM4YaMBR79O2MARLnGGQaiBGEXI4oNRw2g8DAoNAP5klRDdg/lRAAAAAElFTkSuQmCC';
let photo: string;
/** named .png, but not an image: the browser sends it as image/png and the server must refuse it */
let fakePhoto: string;

/** the pole telecom claims and the officer accepts */
let claimed = { id: 0, code: '' };

before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  files = mkdtempSync(join(tmpdir(), 'polewatch-photos-'));
  photo = join(files, 'pole-site.png');
  writeFileSync(photo, Buffer.from(PNG_BASE64, 'base64'));
  fakePhoto = join(files, 'not-a-photo.png');
  writeFileSync(fakePhoto, '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
  session = await openBrowserSession(3197);
  ({ server, browser, page } = session);
});
after(async () => {
  await session?.close();
  if (files) rmSync(files, { recursive: true, force: true });
});

const panelText = (p: Page) => p.locator('#pole-panel').innerText();
const fill = (p: Page, id: number) => p.evaluate((poleId) => window.polewatch!.poleFill(poleId), id);

test('the legend offers the ownership colours, one entry per state', async () => {
  await page.goto(server.url);
  await page.evaluate(() => window.polewatch!.ready);
  await page.waitForSelector('#sign-in');
  await page.click('#legend-mode-ownership');
  const entries = await page.locator('[data-testid="legend-ownership"] li').allInnerTexts();
  assert.deepEqual(entries, ['权属未知', '已认领（待确认）', '权属争议', '权属已确认', '推定废弃']);
});

test('carrier: claims an orphan pole with evidence and a photo, and sees it as claimed', async () => {
  await signInOk(page, 'telecom');
  const pole = await openPole(page, (poles) => poles.find((p) => p.owner_code === null && p.ownership_status === 'unknown'));
  claimed = { id: pole.id, code: pole.code };
  assert.equal(await fill(page, pole.id), OWNERSHIP_COLOURS.unknown);
  await page.waitForSelector('[data-testid="responsibility"]');

  await page.click('[data-testid="claim-open-claim"]');
  const form = page.locator('[data-testid="claim-form"]');
  // Filing with no evidence is refused on the spot, in words.
  await form.locator('[data-testid="claim-submit"]').click();
  assert.match(await form.innerText(), /请填写依据说明/);
  await form.locator('textarea[name="evidence"]').fill('2015 年中国电信建设档案 DX-2015-0042，杆身有电信标识牌。');
  await page.setInputFiles('[data-testid="claim-photos"]', photo);
  assert.match(await form.locator('.upload-list').innerText(), /pole-site\.png/);
  await form.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/ownership-carrier-form.png` });

  await form.locator('[data-testid="claim-submit"]').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="pole-ownership"]')?.textContent === '已认领（待确认）');
  assert.match(await panelText(page), /认领已提交，等待执法队员审核/);
  const card = page.locator('#pole-panel [data-testid="claim-card"][data-status="open"]');
  assert.match(await card.innerText(), /中国电信/);
  assert.equal(await card.locator('[data-testid="claim-thumb"]').count(), 1, 'the photo went up with the claim');
  assert.equal(await page.locator('[data-testid="claim-open-claim"]').count(), 0, 'no second claim while one is open');
  // The marker is recoloured at once in the ownership mode.
  await page.waitForFunction((id) => window.polewatch!.poleFill(id) !== null, pole.id);
  await page.waitForFunction(({ id, colour }) => window.polewatch!.poleFill(id) === colour, { id: pole.id, colour: OWNERSHIP_COLOURS.claimed });
  await card.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/ownership-carrier-claimed.png` });
});

test('officer: finds the claim in the queue, zooms to the pole, sees the photo and accepts with a reason', async () => {
  await signOut(page);
  await signInOk(page, 'officer');
  await page.click('#work-toggle');
  const item = page.locator(`[data-testid="queue-item"][data-pole-id="${claimed.id}"]`);
  await item.waitFor();
  assert.match(await item.innerText(), new RegExp(claimed.code));
  assert.match(await item.innerText(), /中国电信/);
  await page.screenshot({ path: `${SHOTS}/ownership-officer-queue.png` });

  // Zoom away first, so "zoom to" has to bring the pole back.
  await page.evaluate(() => void window.polewatch!.map!.setView([36.44, 115.96], 14, { animate: false }));
  await idle(page);
  await item.locator('[data-testid="zoom-to"]').click();
  await page.waitForFunction((code) => document.querySelector('[data-testid="pole-code"]')?.textContent === code, claimed.code);
  await page.waitForSelector('#pole-panel[data-detail="ready"]');
  // The map shows the pole close up (once the new view's poles are in).
  await page.waitForFunction((id) => {
    const map = window.polewatch!.map!;
    const drawn = window.polewatch!.lastPoles().find((p) => p.id === id);
    return map.getZoom() >= 18 && drawn !== undefined && map.getBounds().contains([drawn.lat, drawn.lng]);
  }, claimed.id);

  const card = page.locator('#pole-panel [data-testid="claim-card"][data-status="open"]');
  await card.waitFor();
  assert.match(await card.innerText(), /DX-2015-0042/);
  // The thumbnail is a real image fetched with the officer's session.
  const thumb = card.locator('[data-testid="claim-thumb"]');
  await thumb.waitFor();
  await page.waitForFunction(() => {
    const img = document.querySelector<HTMLImageElement>('#pole-panel [data-testid="claim-thumb"]');
    return img !== null && img.complete && img.naturalWidth === 16;
  });
  await card.scrollIntoViewIfNeeded();
  await idle(page);
  await page.screenshot({ path: `${SHOTS}/ownership-officer-claim.png` });

  await card.locator('[data-testid="claim-accept"]').click();
  const dialog = page.locator('dialog[open]');
  await dialog.locator('[data-testid="reason-confirm"]').click();
  assert.match(await dialog.innerText(), /请填写审核理由/, 'a decision needs a reason');
  await dialog.locator('textarea[name="reason"]').fill('建设档案与杆身标识核实一致');
  await dialog.locator('[data-testid="reason-confirm"]').click();
  await dialog.waitFor({ state: 'detached' });

  await page.waitForFunction(() => document.querySelector('[data-testid="pole-ownership"]')?.textContent === '权属已确认');
  const text = await panelText(page);
  assert.match(text, /已确认中国电信的认领/);
  assert.match(text, /权属单位\s*中国电信/);
  await page.waitForSelector('[data-testid="responsibility"][data-party="owner"]');
  assert.match(await page.locator('[data-testid="responsibility"]').innerText(), /权属单位：中国电信/, 'the responsible party is now the owner');
  await page.waitForFunction(({ id, colour }) => window.polewatch!.poleFill(id) === colour, { id: claimed.id, colour: OWNERSHIP_COLOURS.confirmed });

  // Both steps are in the history, newest first, with who did them.
  await page.waitForFunction(() => document.querySelectorAll('#pole-panel .history-item').length >= 3);
  const actions = await page.locator('#pole-panel .history-action').allInnerTexts();
  assert.deepEqual(actions.slice(0, 2), ['认领已确认', '认领']);
  const [accepted, filed] = await page.locator('#pole-panel .history-item').allInnerTexts();
  assert.match(accepted ?? '', /officer/);
  assert.match(accepted ?? '', /建设档案与杆身标识核实一致/);
  assert.match(filed ?? '', /telecom/);
  // The queue no longer lists the decided claim.
  await page.waitForSelector(`[data-testid="queue-item"][data-pole-id="${claimed.id}"]`, { state: 'detached' });
  await page.locator('#pole-panel .history').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/ownership-officer-accepted.png` });

  await page.getByRole('button', { name: /English/ }).click();
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  const english = await panelText(page);
  assert.match(english, /Owner confirmed/);
  assert.match(english, /Owner: China Telecom/);
  assert.match(english, /Claim accepted/);
  await page.screenshot({ path: `${SHOTS}/ownership-officer-accepted-en.png` });
  await page.getByRole('button', { name: /中文/ }).click();
});

test('carrier: a file the server refuses is explained in words, and the claim still stands', async () => {
  await signOut(page);
  await signInOk(page, 'telecom');
  const pole = await openPole(page, (poles) => poles.find((p) => p.owner_code === null && p.ownership_status === 'unknown' && p.id !== claimed.id));
  await page.click('[data-testid="claim-open-claim"]');
  const form = page.locator('[data-testid="claim-form"]');
  await form.locator('textarea[name="evidence"]').fill('资产台账第 118 页');
  await page.setInputFiles('[data-testid="claim-photos"]', [fakePhoto, photo]);
  await form.locator('[data-testid="claim-submit"]').click();
  await form.locator('.form-message-error').waitFor();
  assert.match(await form.innerText(), /只能上传 JPEG、PNG 或 WebP 照片/);
  assert.match(await form.innerText(), /有 1 张照片没有上传成功/);
  assert.match(await form.locator('.upload-ok').innerText(), /已上传/);
  await form.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/ownership-carrier-photo-refused.png` });
  // Closing the form keeps the claim that was filed, with the photo that made it.
  await form.getByRole('button', { name: '取消' }).click();
  await page.waitForFunction(() => document.querySelector('[data-testid="pole-ownership"]')?.textContent === '已认领（待确认）');
  await page.waitForSelector(`#pole-panel [data-testid="claim-card"][data-status="open"] [data-testid="claim-thumb"]`);
  assert.equal(await page.locator('#pole-panel [data-testid="claim-thumb"]').count(), 1, `only the real photo of ${pole.code} was kept`);
});

test('on a phone: the carrier portal lists the decision with its reason; in English the officer’s panel fits', async () => {
  const phone = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const p = await phone.newPage();
  const fits = async (what: string) => {
    const width = await p.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 360, `${what} is ${width}px wide`);
  };
  await p.goto(server.url);
  await p.evaluate(() => window.polewatch!.ready);
  await signIn(p, 'telecom');
  await p.waitForFunction(() => window.polewatch!.session()?.username === 'telecom');
  await p.click('#work-toggle');
  await p.click('[data-testid="work-tab-claims"]');
  const accepted = p.locator(`[data-testid="portal-claims"] [data-testid="claim-card"][data-status="accepted"]`);
  await accepted.waitFor();
  assert.match(await accepted.innerText(), new RegExp(claimed.code));
  assert.match(await accepted.innerText(), /已确认/);
  assert.match(await accepted.innerText(), /建设档案与杆身标识核实一致/);
  await fits('the portal');
  await p.screenshot({ path: `${SHOTS}/ownership-phone-portal.png` });
  await accepted.locator('[data-testid="zoom-to"]').click();
  await p.waitForFunction((code) => document.querySelector('[data-testid="pole-code"]')?.textContent === code, claimed.code);
  assert.ok(await p.locator('#work-panel').isHidden(), 'the list steps aside for the map on a phone');
  await p.waitForSelector('[data-testid="claim-open-disclaim"]');
  await idle(p);
  await fits('the pole panel');
  await p.screenshot({ path: `${SHOTS}/ownership-phone-pole.png` });
  await phone.close();

  const phoneEn = await browser.newContext({ viewport: { width: 360, height: 740 } });
  await phoneEn.addInitScript(() => window.localStorage.setItem('polewatch.lang', 'en'));
  const q = await phoneEn.newPage();
  await q.goto(server.url);
  await q.evaluate(() => window.polewatch!.ready);
  await signIn(q, 'officer');
  await q.waitForFunction(() => window.polewatch!.session()?.username === 'officer');
  await q.click('#work-toggle');
  await q.locator('[data-testid="queue-item"]').first().waitFor();
  assert.match(await q.locator('#work-panel').innerText(), /Open claims/);
  await q.screenshot({ path: `${SHOTS}/ownership-phone-en-queue.png` });
  await q.evaluate((id) => window.polewatch!.openPole(id), claimed.id);
  await q.waitForSelector('#pole-panel[data-detail="ready"]');
  await idle(q);
  await q.locator('[data-testid="responsibility"]').scrollIntoViewIfNeeded();
  assert.match(await q.locator('#pole-panel').innerText(), /Responsible party/);
  const width = await q.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 360, `the English pole panel is ${width}px wide`);
  await q.screenshot({ path: `${SHOTS}/ownership-phone-en-pole.png` });
  await phoneEn.close();
});
