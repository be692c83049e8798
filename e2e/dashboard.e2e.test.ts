import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Dashboard, RemovedPoleCollection } from '../web/src/api/dashboard.types.ts';
import { launchChromium, startServer, type RunningServer } from './server.harness.ts';

/**
 * The campaign figures pages end to end: the signed-in dashboard (cards, charts, tables, CSV),
 * the public progress page with its map, and the printable monthly report — in Chinese on a
 * desktop and in English on a phone.
 */
let server: RunningServer;
let browser: Browser;
const SHOTS = 'e2e/screenshots';
const DESKTOP = { width: 1400, height: 900 };
const PHONE = { width: 360, height: 740 };

before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  server = await startServer(3196);
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

/** A fresh browser profile; `lang` is stored the way the language switch stores it. */
async function open(viewport: { width: number; height: number }, lang: 'zh' | 'en' = 'zh'): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport, baseURL: server.url });
  await context.addInitScript((l) => window.localStorage.setItem('polewatch.lang', l), lang);
  return { context, page: await context.newPage() };
}

/** Signs in through the API; the context's cookie jar is the page's, so the page is signed in too. */
async function signInAs(page: Page, username: string): Promise<void> {
  const res = await page.request.post('/api/auth/login', { data: { username, password: `dev-${username}-2026` } });
  assert.equal(res.status(), 200, `sign-in as ${username}`);
}

/** Every chart on the page has drawn onto a canvas that takes up room. */
async function chartsDrawn(page: Page, expected: number): Promise<void> {
  await page.waitForFunction((n) => document.querySelectorAll('figure.chart[data-chart-ready="1"]').length === n, expected);
  const sizes = await page.$$eval('figure.chart canvas', (canvases) => canvases.map((c) => c.getBoundingClientRect()).map((r) => r.width * r.height));
  assert.ok(sizes.length >= expected, `${sizes.length} chart canvases`);
  assert.ok(sizes.every((area) => area > 10_000), `every chart canvas has a size: ${sizes.join(', ')}`);
}

const zhNumber = (n: number): string => new Intl.NumberFormat('zh-CN').format(n);

test('signed out, the dashboard says to sign in and links to the sign-in', async () => {
  const { context, page } = await open(DESKTOP);
  await page.goto('/dashboard.html');
  const note = page.locator('[data-testid="sign-in-first"]');
  await note.waitFor();
  assert.match(await note.innerText(), /请先登录/);
  // The map's sign-in, which comes back to the dashboard afterwards.
  assert.equal(await note.locator('a[href="/#/login?return=/dashboard.html"]').count(), 1);
  await context.close();
});

test('viewer: the dashboard shows the figures from /api/dashboard, the 737 baseline, charts and tables', async () => {
  const { context, page } = await open(DESKTOP);
  await signInAs(page, 'viewer');
  const figures = (await (await page.request.get('/api/dashboard')).json()) as Dashboard;
  await page.goto('/dashboard.html');
  await page.waitForSelector('#dashboard[data-state="ready"]');
  await chartsDrawn(page, 7);

  const total = await page.locator('[data-testid="kpi-removed-total-value"]').innerText();
  assert.equal(total, zhNumber(figures.totals.removed_total));
  assert.equal(figures.campaign?.baseline_removed, 737);
  assert.match(await page.locator('[data-testid="kpi-removed-total"]').innerText(), /基线 737 根/);
  // Enforcement figures come from /api/cases/stats: the fixture city has no case yet, a true zero.
  for (const id of ['kpi-cases', 'kpi-overdue']) {
    await page.waitForFunction((testId) => document.querySelector(`[data-testid="${testId}-value"]`)?.textContent === '0', id);
  }
  await page.waitForSelector('[data-testid="chart-cases-state"][data-chart-ready="1"]');
  assert.equal(await page.locator('[data-testid="campaign-name"]').innerText(), figures.campaign?.name_zh);

  // The firm ranking is the server's order, numbered from 1, with each firm's open cases and fines.
  const firstFirm = page.locator('table.data-table tr[data-code]').filter({ hasText: figures.by_firm[0]!.name_zh }).first();
  assert.match(await firstFirm.innerText(), /^1\b/);
  assert.equal(await page.locator('table.data-table th', { hasText: '决定罚款（元）' }).count(), 1);

  // Each table offers the server's CSV export, and the link really downloads it.
  for (const table of ['districts', 'firms', 'location_kinds']) {
    const href = await page.locator(`[data-testid="csv-${table}"]`).getAttribute('href');
    assert.ok(href, `a CSV link for ${table}`);
    const csv = await page.request.get(href);
    assert.equal(csv.status(), 200);
    assert.match(csv.headers()['content-type'] ?? '', /text\/csv/);
  }

  await page.screenshot({ path: `${SHOTS}/dashboard.png`, fullPage: true });

  // Another year reloads the cards and the tables' year columns; the address keeps the year.
  const earlier = String(figures.year - 1);
  await page.selectOption('[data-testid="year-picker"]', earlier);
  await page.waitForFunction((y) => document.querySelector('[data-testid="kpi-removed-year"] h3')?.textContent === `${y}年拔除`, earlier);
  assert.match(page.url(), new RegExp(`year=${earlier}`));
  await context.close();
});

test('the dashboard on a phone, in English', async () => {
  const { context, page } = await open(PHONE, 'en');
  await signInAs(page, 'viewer');
  await page.goto('/dashboard.html');
  await page.waitForSelector('#dashboard[data-state="ready"]');
  await chartsDrawn(page, 7);
  assert.match(await page.locator('[data-testid="kpi-removed-total"]').innerText(), /Baseline 737/);
  assert.equal(await page.locator('[data-testid="kpi-cases-value"]').innerText(), '0');
  // Nothing wider than the phone: the page never scrolls sideways.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `page is ${overflow}px wider than the phone`);
  await page.screenshot({ path: `${SHOTS}/dashboard-phone-en.png`, fullPage: true });
  await context.close();
});

test('anonymous: the public progress page shows figures, charts and a map of removed poles and buried cable', async () => {
  const { context, page } = await open(DESKTOP);
  await page.goto('/progress.html');
  await page.waitForSelector('#progress[data-state="ready"]');
  await chartsDrawn(page, 2);
  const map = page.locator('#progress-map[data-state="ready"]');
  await map.waitFor();
  const removed = Number(await map.getAttribute('data-removed'));
  const spans = Number(await map.getAttribute('data-spans'));
  assert.ok(removed > 0, `${removed} removed poles on the map`);
  assert.ok(spans > 0, `${spans} buried spans on the map`);
  // Markers and lines share one canvas; the basemap is vector SVG, no tiles needed.
  assert.ok((await page.locator('#progress-map canvas').count()) >= 1);
  assert.ok((await page.locator('#progress-map .leaflet-overlay-pane path').count()) > 10);

  // What the page is fed carries places and days only.
  const points = (await (await page.request.get('/api/public/removed-poles?limit=5')).json()) as RemovedPoleCollection;
  for (const f of points.features) assert.deepEqual(Object.keys(f.properties).sort(), ['code', 'district_code', 'removed_on']);

  assert.equal(await page.locator('#sign-out').count(), 0, 'no account area on the public page');
  await page.screenshot({ path: `${SHOTS}/progress.png`, fullPage: true });
  await context.close();

  const phone = await open(PHONE, 'en');
  await phone.page.goto('/progress.html');
  await phone.page.waitForSelector('#progress-map[data-state="ready"]');
  await chartsDrawn(phone.page, 2);
  await phone.page.screenshot({ path: `${SHOTS}/progress-phone-en.png`, fullPage: true });
  await phone.context.close();
});

test('the monthly report for November 2026: title, summary, tables and chart, ready to print', async () => {
  const { context, page } = await open(DESKTOP);
  await signInAs(page, 'viewer');
  await page.goto('/report.html?month=2026-11');
  await page.waitForSelector('#report[data-state="ready"]');
  await chartsDrawn(page, 1);
  assert.equal(await page.locator('[data-testid="report-title"]').innerText(), '聊城市通信线杆整治月报（2026年11月）');
  assert.equal(await page.evaluate(() => document.fonts.check('16px sans-serif', '聊城')), true);
  const summary = await page.locator('[data-testid="report-summary"]').innerText();
  assert.match(summary, /^2026年11月，全市拔除通信线杆 \d+ 根/);
  assert.equal(await page.locator('.report table.data-table').count(), 2);
  await page.screenshot({ path: `${SHOTS}/report.png`, fullPage: true });

  // On paper: no buttons, no page links, no month picker.
  await page.emulateMedia({ media: 'print' });
  for (const selector of ['[data-testid="print"]', '#page-nav', '[data-testid="month-picker"]']) {
    assert.equal(await page.locator(selector).isVisible(), false, `${selector} is not printed`);
  }
  await page.emulateMedia({ media: 'screen' });

  // A month that is not a month is said so, and the current month is shown instead.
  await page.goto('/report.html?month=2026-13');
  await page.waitForSelector('#report[data-state="ready"]');
  assert.match(await page.locator('.report-notice').first().innerText(), /无法识别/);
  await context.close();
});
