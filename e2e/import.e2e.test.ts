import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { idle, signIn, signInOk } from './page.actions.ts';
import { openBrowserSession, type BrowserSession, type RunningServer } from './server.harness.ts';

/**
 * A survey import end to end: an officer uploads a CSV as Excel saves it (UTF-8 with a BOM,
 * Chinese headers) holding three new poles and one row with an impossible latitude; the
 * preview counts them and says why the bad row fails; committing is refused until the bad
 * row is skipped; then the new poles are on the map. Also the export links (everyone) and
 * the same flow on a phone, where import sits in the export menu.
 */
let session: BrowserSession | undefined;
let server: RunningServer;
let browser: Browser;
let page: Page;
let files: string;
let csv: string;
const SHOTS = 'e2e/screenshots';
const PHONE = { width: 360, height: 740 };
const CODES = ['LC-DCF-900001', 'LC-DCF-900002', 'LC-DCF-900003'];
const BAD = 'LC-DCF-900004';

const CSV = [
  '编号,经度,纬度,权属,状况,备注',
  `${CODES[0]},115.9851,36.4551,电信,完好,普查新增一`,
  `${CODES[1]},115.9856,36.4553,联通,倾斜,普查新增二`,
  `${CODES[2]},115.9853,36.4557,无主,破损,普查新增三`,
  // Latitude and longitude mistyped: 136.45 is off the globe.
  `${BAD},115.9858,136.45,电信,完好,坐标填错`,
].join('\r\n');

before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  files = mkdtempSync(join(tmpdir(), 'polewatch-import-'));
  csv = join(files, '东昌府普查.csv');
  writeFileSync(csv, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${CSV}\r\n`, 'utf8')]));
  session = await openBrowserSession(3194, { baseURL: true });
  ({ server, browser, page } = session);
});
after(async () => {
  await session?.close();
  if (files) rmSync(files, { recursive: true, force: true });
});

async function openMap(p: Page): Promise<void> {
  await p.goto('/');
  await p.evaluate(() => window.polewatch!.ready);
  await idle(p);
}

const dialog = (p: Page) => p.locator('[data-testid="import-dialog"]');
const count = async (p: Page, outcome: string): Promise<string | null> =>
  dialog(p).locator(`[data-testid="import-counts"] [data-outcome="${outcome}"]`).first().getAttribute('data-count');

test('officer: uploads a CSV, sees 3 new and 1 explained error, skips it, commits, finds the poles on the map', async () => {
  await openMap(page);
  // Anonymous: export for everyone, no import.
  await page.waitForSelector('#export-toggle');
  assert.equal(await page.locator('#import-open').count(), 0);
  await signInOk(page, 'officer');
  await page.click('#import-open');
  await dialog(page).waitFor();
  await page.setInputFiles('[data-testid="import-file"]', csv);
  await page.screenshot({ path: `${SHOTS}/import-form.png` });

  await dialog(page).locator('[data-testid="import-upload"]').click();
  await dialog(page).locator('[data-testid="import-preview"]').waitFor();
  assert.equal(await count(page, 'new'), '3');
  assert.equal(await count(page, 'error'), '1');
  assert.equal(await count(page, 'update'), '0');
  // The error row comes first, with its reason in words.
  const first = dialog(page).locator('[data-testid="import-rows"] tbody tr').first();
  assert.equal(await first.getAttribute('data-outcome'), 'error');
  assert.equal(await first.getAttribute('data-row'), '5');
  assert.match(await first.innerText(), new RegExp(BAD));
  const reason = first.locator('[data-testid="import-reason"]');
  assert.ok(await reason.isVisible(), 'the reason is on screen');
  assert.match(await reason.innerText(), /纬度超出.*填反/);
  for (const code of CODES) assert.match(await dialog(page).locator('[data-testid="import-rows"]').innerText(), new RegExp(code));

  const commit = dialog(page).locator('[data-testid="import-commit"]');
  assert.ok(await commit.isDisabled(), 'commit waits while rows have errors');
  assert.match(await dialog(page).innerText(), /有 1 行有错误/);
  await page.screenshot({ path: `${SHOTS}/import-preview.png` });

  await dialog(page).locator('[data-testid="import-skip-errors"]').check();
  assert.ok(await commit.isEnabled(), 'skipping the bad row allows the commit');
  await commit.click();
  const result = dialog(page).locator('[data-testid="import-result"]');
  await result.waitFor();
  assert.match(await result.innerText(), /导入完成：新增 3 根，更新 0 根，未变 0 根，跳过 1 行/);
  await page.screenshot({ path: `${SHOTS}/import-done.png` });

  await dialog(page).locator('[data-testid="import-show-on-map"]').click();
  await dialog(page).waitFor({ state: 'detached' });
  assert.equal(await page.evaluate(() => window.polewatch!.map!.getZoom()), 17);
  await page.waitForFunction(
    (codes) => window.polewatch!.mode() === 'poles' && codes.every((c) => window.polewatch!.lastPoles().some((x) => x.code === c)),
    CODES,
  );
  await idle(page);
  const drawn = await page.evaluate(() => window.polewatch!.lastPoles());
  assert.ok(!drawn.some((x) => x.code === BAD), 'the skipped row wrote nothing');
  const first1 = drawn.find((x) => x.code === CODES[0]);
  assert.equal(first1?.owner_code, 'telecom');
  assert.equal(first1?.condition, 'good');
  await page.screenshot({ path: `${SHOTS}/import-map.png` });
});

test('officer: a survey whose coordinate columns have other names is read once the officer picks them', async () => {
  const odd = join(files, '巷道普查-坐标列.csv');
  const code = 'LC-DCF-900010';
  writeFileSync(odd, `编号,X坐标,Y坐标,状况\r\n${code},115.9861,36.4561,倾斜\r\n`);
  await page.click('#import-open');
  await dialog(page).waitFor();
  await page.setInputFiles('[data-testid="import-file"]', odd);
  await dialog(page).locator('[data-testid="import-upload"]').click();
  const picker = dialog(page).locator('[data-testid="import-columns"]');
  await picker.waitFor();
  assert.match(await picker.innerText(), /没有找到可识别的经度、纬度列/);
  const offered = await picker.locator('[data-testid="import-lng-column"] option').allInnerTexts();
  assert.deepEqual(offered.slice(1), ['编号', 'X坐标', 'Y坐标', '状况'], 'the file\'s own columns');
  await picker.locator('[data-testid="import-lng-column"]').selectOption('X坐标');
  await picker.locator('[data-testid="import-lat-column"]').selectOption('Y坐标');
  await page.screenshot({ path: `${SHOTS}/import-columns.png` });
  await dialog(page).locator('[data-testid="import-upload"]').click();
  await dialog(page).locator('[data-testid="import-preview"]').waitFor();
  assert.equal(await count(page, 'new'), '1');
  await dialog(page).locator('[data-testid="import-commit"]').click();
  await dialog(page).locator('[data-testid="import-result"]').waitFor();
  const res = await page.request.get('/api/poles?bbox=115.986,36.456,115.9862,36.4562&limit=10');
  const found = ((await res.json()) as { features: { properties: { code: string; condition: string } }[] }).features.find((f) => f.properties.code === code);
  assert.equal(found?.properties.condition, 'leaning');
  await page.keyboard.press('Escape');
  await dialog(page).waitFor({ state: 'detached' });
});

test('export: the CSV link carries the view and the filters and downloads with a BOM for Excel', async () => {
  await page.click('#export-toggle');
  const link = page.locator('[data-testid="export-csv"]');
  await link.waitFor();
  assert.equal(await link.getAttribute('download'), '');
  const href = (await link.getAttribute('href')) ?? '';
  const url = new URL(href, server.url);
  assert.equal(url.pathname, '/api/exports/poles.csv');
  // The view the map shows now, six decimals as /api/poles gets it.
  const view = await page.evaluate(() => {
    const b = window.polewatch!.map!.getBounds();
    return [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].map((v) => v.toFixed(6)).join(',');
  });
  assert.equal(url.searchParams.get('bbox'), view);
  assert.equal(url.searchParams.get('status'), 'in_service,abandoned');
  assert.match((await page.locator('[data-testid="export-geojson"]').getAttribute('href')) ?? '', /^\/api\/exports\/poles\.geojson\?/);
  assert.match((await page.locator('[data-testid="export-kml"]').getAttribute('href')) ?? '', /^\/api\/exports\/poles\.kml\?/);
  await page.screenshot({ path: `${SHOTS}/import-export-menu.png` });

  const res = await page.request.get(href);
  assert.equal(res.status(), 200);
  assert.match(res.headers()['content-type'] ?? '', /text\/csv/);
  const body = await res.body();
  assert.deepEqual([...body.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 BOM so Excel reads the Chinese');
  const text = body.toString('utf8');
  for (const code of CODES) assert.ok(text.includes(code), `${code} is in the export of this view`);
  await page.keyboard.press('Escape');
  assert.ok(await page.locator('#export-menu').isHidden());
});

test('phone: import sits in the export menu; the same file again shows unchanged rows', async () => {
  const phone = await browser.newContext({ viewport: PHONE, baseURL: server.url, hasTouch: true, isMobile: true });
  const p = await phone.newPage();
  try {
    await openMap(p);
    // Not signInOk: on a phone #sign-out is folded inside the account menu, never visible here.
    await signIn(p, 'officer');
    await p.waitForFunction(() => window.polewatch!.session()?.username === 'officer');
    assert.ok(await p.locator('#import-open').isHidden(), 'no separate import button on a phone');
    await p.click('#export-toggle');
    await p.locator('.export-import').waitFor();
    await p.screenshot({ path: `${SHOTS}/import-phone-menu.png` });
    await p.click('.export-import');
    await dialog(p).waitFor();
    await p.setInputFiles('[data-testid="import-file"]', csv);
    await p.screenshot({ path: `${SHOTS}/import-phone-form.png` });
    await dialog(p).locator('[data-testid="import-upload"]').click();
    await dialog(p).locator('[data-testid="import-preview"]').waitFor();
    assert.equal(await count(p, 'unchanged'), '3');
    assert.equal(await count(p, 'new'), '0');
    assert.equal(await count(p, 'error'), '1');
    await p.screenshot({ path: `${SHOTS}/import-phone-preview.png` });
  } finally {
    await phone.close();
  }
});
