import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { Dashboard } from '../web/src/api/dashboard.types.ts';
import { idle, signIn, signInOk } from './page.actions.ts';
import { openBrowserSession, type BrowserSession, type RunningServer } from './server.harness.ts';

/**
 * A removal end to end: an officer records that a live pole was pulled (date, firm, note,
 * photo); it leaves the live map and shows on the removed layer; the officer verifies it and
 * the dashboard counts exactly one more; then the record is voided with a reason and the pole
 * comes back. Also: the header's links to the figures pages, the dashboard's sign-in link
 * that returns to the dashboard, and the form on a phone in both languages.
 */
let session: BrowserSession | undefined;
let server: RunningServer;
let browser: Browser;
let page: Page;
let files: string;
let photo: string;
const SHOTS = 'e2e/screenshots';
const DESKTOP = { width: 1400, height: 900 };
const PHONE = { width: 360, height: 740 };

// A real 16×16 PNG (a red and yellow chequerboard), so the server's image checks pass.
const PNG_BASE64 =
  'iVBORw0KGgoAAAANSUhEUgAAABAAAAAQCAIAAACQkWg2AAAAJElEQVR42mM4YaMBR79O2MARLnGGQaiBGEXI4oNRw2g8DAoNAP5klRDdg/lRAAAAAElFTkSuQmCC';
const NOTE = '电信施工队拔除，杆体已运走（工单 DX-2026-117）';
const VOID_REASON = '误登记：现场复核线杆仍在';

/** the pole the officer removes */
let pulled = { id: 0, code: '' };
/** /api/dashboard's total before anything was recorded */
let totalBefore = 0;

const today = (): string => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
const zhNumber = (n: number): string => new Intl.NumberFormat('zh-CN').format(n);

before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  files = mkdtempSync(join(tmpdir(), 'polewatch-removal-'));
  photo = join(files, 'pulled-pole.png');
  writeFileSync(photo, Buffer.from(PNG_BASE64, 'base64'));
  session = await openBrowserSession(3195, { baseURL: true });
  ({ server, browser, page } = session);
});
after(async () => {
  await session?.close();
  if (files) rmSync(files, { recursive: true, force: true });
});

const panel = (p: Page) => p.locator('#pole-panel');
const card = (p: Page) => p.locator('#pole-panel [data-testid="removal-card"]');
const drawnLive = (p: Page, id: number) => p.evaluate((poleId) => window.polewatch!.lastPoles().some((x) => x.id === poleId), id);
const removedTotal = async (p: Page): Promise<number> => ((await (await p.request.get('/api/dashboard')).json()) as Dashboard).totals.removed_total;

async function openMap(p: Page): Promise<void> {
  await p.goto('/');
  await p.evaluate(() => window.polewatch!.ready);
}

/** Opens a pole's panel the way "zoom to" does, and waits for its details and removal part. */
async function openById(p: Page, id: number): Promise<void> {
  await p.evaluate((poleId) => window.polewatch!.openPole(poleId), id);
  await p.waitForSelector('#pole-panel[data-detail="ready"]');
  await idle(p);
}

/** A live pole in the middle of the fixture city, drawn on the map at street zoom. */
async function pickLivePole(p: Page, skip: number[] = []): Promise<{ id: number; code: string }> {
  await p.evaluate(() => void window.polewatch!.map!.setView([36.455, 115.985], 17, { animate: false }));
  await p.waitForFunction(() => window.polewatch!.mode() === 'poles' && window.polewatch!.lastPoles().length > 0);
  await idle(p);
  const poles = await p.evaluate(() => window.polewatch!.lastPoles());
  const pole = poles.find((x) => x.owner_code === 'telecom' && x.condition !== 'good' && !skip.includes(x.id)) ?? poles.find((x) => !skip.includes(x.id));
  assert.ok(pole, 'a live pole is drawn');
  return { id: pole.id, code: pole.code };
}

test('officer: records a removal with date, firm, note and photo; the pole leaves the live map', async () => {
  await openMap(page);
  // Anonymous: the public progress page is linked from the header, the dashboard is not.
  await page.waitForSelector('#nav-progress');
  assert.equal(await page.locator('#nav-dashboard').count(), 0);
  await signInOk(page, 'officer');
  assert.equal(await page.locator('#nav-dashboard').getAttribute('href'), '/dashboard.html');
  totalBefore = await removedTotal(page);

  pulled = await pickLivePole(page);
  await openById(page, pulled.id);
  assert.ok(await drawnLive(page, pulled.id), 'the pole is on the live map to begin with');
  await page.click('[data-testid="removal-open"]');
  const form = page.locator('[data-testid="removal-form"]');
  const date = form.locator('input[name="removed_on"]');
  assert.equal(await date.inputValue(), today(), 'the date starts at today in Beijing time');
  assert.equal(await date.getAttribute('max'), today(), 'and cannot go past it');

  // An officer must say who pulled the pole.
  await form.locator('[data-testid="removal-submit"]').click();
  assert.match(await form.innerText(), /请选择拔除单位/);
  await form.locator('select[name="org"]').selectOption('telecom');
  await form.locator('textarea[name="note"]').fill(NOTE);
  await page.setInputFiles('[data-testid="removal-photos"]', photo);
  assert.match(await form.locator('.upload-list').innerText(), /pulled-pole\.png/);
  await form.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/removal-form.png` });

  await form.locator('[data-testid="removal-submit"]').click();
  await card(page).locator('[data-testid="removal-status"]').waitFor();
  assert.equal(await card(page).getAttribute('data-status'), 'recorded');
  // The panel now shows the pole as removed, with the record: date, firm, who, note, photo.
  await page.waitForFunction(() => Array.from(document.querySelectorAll('#pole-panel .pole-chips .chip')).some((c) => c.textContent === '已拔除'));
  const text = await card(page).innerText();
  assert.match(text, /待核实/);
  assert.match(text, /拔除单位\s*中国电信/);
  assert.match(text, /登记人\s*officer/);
  assert.ok(text.includes(NOTE), 'the note is on the record');
  await page.waitForFunction(() => {
    const img = document.querySelector<HTMLImageElement>('#pole-panel [data-testid="removal-thumb"]');
    return img !== null && img.complete && img.naturalWidth === 16;
  });
  assert.match(await panel(page).innerText(), /已登记拔除，线杆已从地图上移除/);
  assert.equal(await page.locator('[data-testid="removal-open"]').count(), 0, 'a removed pole cannot be removed again');
  assert.equal(await page.locator('[data-testid="edit-pole"]').count(), 0, 'nor edited');

  // Gone from the live map; the history has the removal on top, by the officer.
  await page.waitForFunction((id) => !window.polewatch!.lastPoles().some((x) => x.id === id), pulled.id);
  await page.waitForFunction(() => document.querySelector('#pole-panel .history-action')?.textContent === '拔除');
  const [latest] = await page.locator('#pole-panel .history-item').allInnerTexts();
  assert.match(latest ?? '', /officer/);
  assert.match(latest ?? '', /在用\s*→\s*已拔除/);
  await card(page).scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/removal-recorded.png` });
});

test('the removed layer draws it as a cross that opens its record; the officer verifies it', async () => {
  // Off by default: nothing drawn until the legend's box is ticked.
  assert.deepEqual(await page.evaluate(() => window.polewatch!.removedPoles()), []);
  await page.check('#layer-removed');
  await page.waitForFunction((id) => window.polewatch!.removedPoles().includes(id), pulled.id);

  // Closing the panel and clicking the cross brings the record back.
  await page.click('#pole-panel .panel-close');
  await page.locator(`.removed-marker[title="${pulled.code} · 已拔除"]`).click();
  await page.waitForFunction((code) => document.querySelector('[data-testid="pole-code"]')?.textContent === code, pulled.code);
  await card(page).waitFor();
  await page.screenshot({ path: `${SHOTS}/removal-layer.png` });

  await card(page).locator('[data-testid="removal-verify"]').click();
  await page.waitForSelector('#pole-panel [data-testid="removal-card"][data-status="verified"]');
  const text = await card(page).innerText();
  assert.match(text, /已核实/);
  assert.match(text, /核实人\s*officer/);
  assert.equal(await card(page).locator('[data-testid="removal-verify"]').count(), 0, 'verified once');
  await page.waitForFunction(() => document.querySelector('#pole-panel .history-action')?.textContent === '核实拔除');
  await card(page).scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/removal-verified.png` });
});

test('the header links to the dashboard, which counts exactly one more removed pole', async () => {
  const after = await removedTotal(page);
  assert.equal(after, totalBefore + 1);
  await page.click('#nav-dashboard');
  await page.waitForURL(/\/dashboard\.html$/);
  await page.waitForSelector('#dashboard[data-state="ready"]');
  assert.equal(await page.locator('[data-testid="kpi-removed-total-value"]').innerText(), zhNumber(totalBefore + 1));
  await page.screenshot({ path: `${SHOTS}/removal-dashboard.png` });
});

test('officer: voids the record with a reason; the pole is back on the map and the total drops back', async () => {
  await openMap(page);
  await openById(page, pulled.id);
  await card(page).locator('[data-testid="removal-void"]').click();
  const dialog = page.locator('dialog[open]');
  await dialog.locator('[data-testid="reason-confirm"]').click();
  assert.match(await dialog.innerText(), /请填写撤销理由/, 'voiding needs a reason');
  await dialog.locator('textarea[name="reason"]').fill(VOID_REASON);
  await page.screenshot({ path: `${SHOTS}/removal-void-dialog.png` });
  await dialog.locator('[data-testid="reason-confirm"]').click();
  await dialog.waitFor({ state: 'detached' });

  await page.waitForSelector('#pole-panel [data-testid="removal-card"][data-status="voided"]');
  await page.waitForFunction(() => Array.from(document.querySelectorAll('#pole-panel .pole-chips .chip')).some((c) => c.textContent === '在用'));
  const text = await panel(page).innerText();
  assert.match(text, /拔除登记已撤销，线杆恢复为「在用」/);
  assert.ok(text.includes(VOID_REASON), 'the reason is shown with the voided record');
  // Standing again: it may be recorded again (correctly, this time) and edited.
  await page.waitForSelector('[data-testid="removal-open"]');
  await page.waitForSelector('[data-testid="edit-pole"]');
  await page.waitForFunction((id) => window.polewatch!.lastPoles().some((x) => x.id === id), pulled.id);
  await page.waitForFunction(() => document.querySelector('#pole-panel .history-action')?.textContent === '恢复');
  assert.match((await page.locator('#pole-panel .history-item').first().innerText()) ?? '', new RegExp(VOID_REASON));
  assert.equal(await removedTotal(page), totalBefore);
  await card(page).scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/removal-voided.png` });

  await page.getByRole('button', { name: /English/ }).click();
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  const english = await panel(page).innerText();
  assert.match(english, /Removal record/);
  assert.match(english, /Voided/);
  assert.match(english, /Removal record voided; the pole is “In service” again/);
  await page.screenshot({ path: `${SHOTS}/removal-voided-en.png` });
  await page.getByRole('button', { name: /中文/ }).click();
});

test('signed out, the dashboard’s sign-in link signs in on the map and comes back', async () => {
  const fresh = await browser.newContext({ viewport: DESKTOP, baseURL: server.url });
  const p = await fresh.newPage();
  await p.goto('/dashboard.html');
  const link = p.locator('[data-testid="sign-in-first"] a.button');
  await link.waitFor();
  assert.equal(await link.getAttribute('href'), '/#/login?return=/dashboard.html');
  await link.click();
  const form = p.locator('dialog[open] [data-testid="login-form"]');
  await form.waitFor();
  await form.locator('input[name="username"]').fill('viewer');
  await form.locator('input[name="password"]').fill('dev-viewer-2026');
  await form.locator('button[type="submit"]').click();
  await p.waitForURL(/\/dashboard\.html$/);
  await p.waitForSelector('#dashboard[data-state="ready"]');
  // A return address off this site is ignored: signing in just stays on the map.
  await p.goto('/#/login?return=//example.com/');
  await p.evaluate(() => window.polewatch!.ready);
  await p.waitForFunction(() => window.location.hash === '');
  assert.equal(new URL(p.url()).host, new URL(server.url).host);
  await fresh.close();
});

test('on a phone: the form fits 360 px in both languages, and the page links sit in the account menu', async () => {
  for (const lang of ['zh', 'en'] as const) {
    const phone = await browser.newContext({ viewport: PHONE, baseURL: server.url });
    await phone.addInitScript((l) => window.localStorage.setItem('polewatch.lang', l), lang);
    const p = await phone.newPage();
    const fits = async (what: string) => {
      const width = await p.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= 360, `${what} is ${width}px wide (${lang})`);
    };
    await openMap(p);
    await p.waitForSelector('#nav-progress');
    await fits('the signed-out header');
    await signIn(p, 'officer');
    await p.waitForFunction(() => window.polewatch!.session()?.username === 'officer');
    await p.click('.account-toggle');
    await p.waitForSelector('#nav-dashboard', { state: 'visible' });
    await fits('the account menu');
    await p.screenshot({ path: `${SHOTS}/removal-phone-${lang}-menu.png` });
    await p.click('.account-toggle');

    const pole = await pickLivePole(p, [pulled.id]);
    await openById(p, pole.id);
    await p.click('[data-testid="removal-open"]');
    const form = p.locator('[data-testid="removal-form"]');
    await form.locator('select[name="org"]').selectOption('enforcement');
    await form.locator('textarea[name="note"]').fill(lang === 'zh' ? '城管部门拔除' : 'Pulled by the bureau');
    await p.setInputFiles('[data-testid="removal-photos"]', photo);
    await form.locator('[data-testid="removal-submit"]').scrollIntoViewIfNeeded();
    await fits('the removal form');
    await p.screenshot({ path: `${SHOTS}/removal-phone-${lang}-form.png` });
    await form.locator('[data-testid="removal-submit"]').click();
    await p.waitForSelector('#pole-panel [data-testid="removal-card"][data-status="recorded"]');
    await p.waitForFunction(() => document.querySelector<HTMLImageElement>('#pole-panel [data-testid="removal-thumb"]')?.complete === true);
    await card(p).scrollIntoViewIfNeeded();
    await fits('the removal record');
    assert.match(await card(p).innerText(), lang === 'zh' ? /城市管理局/ : /Urban Management Bureau/);
    await p.screenshot({ path: `${SHOTS}/removal-phone-${lang}-record.png` });
    await phone.close();
  }
});
