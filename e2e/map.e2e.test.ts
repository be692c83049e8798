import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, startServer, type RunningServer } from './server.harness.ts';
// Types window.polewatch, the read-only hook the page exposes for tests.
import type {} from '../web/src/app/test.hook.ts';

/**
 * The whole path a person takes: open the map, see poles, keep only orphan poles,
 * click one and read its panel. Against the real server and a real Chromium.
 */
let server: RunningServer;
let browser: Browser;
let page: Page;
const SHOTS = 'e2e/screenshots';

before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  server = await startServer();
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

const idle = (p: Page) => p.waitForFunction(() => document.body.dataset.loading === '0');

test('the map opens on Liaocheng with the offline basemap and aggregated counts', async () => {
  await page.goto(server.url);
  await page.waitForFunction(() => window.polewatch !== undefined);
  await page.evaluate(() => window.polewatch!.ready);
  await idle(page);
  assert.equal(await page.evaluate(() => window.polewatch!.mode()), 'summary');
  // District outlines and roads are vector layers: SVG paths exist without any tile server.
  const paths = await page.locator('.leaflet-overlay-pane path').count();
  assert.ok(paths > 10, `${paths} vector paths drawn`);
  assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
});

test('zoomed in, poles are drawn; the orphan filter keeps only poles with no known owner', async () => {
  await page.evaluate(() => window.polewatch!.map!.setView([36.455, 115.985], 17, { animate: false }));
  await page.waitForFunction(() => window.polewatch!.mode() === 'poles' && window.polewatch!.lastPoles().length > 0);
  await idle(page);
  const all = await page.evaluate(() => window.polewatch!.lastPoles().length);
  assert.ok(all > 20, `${all} poles drawn`);
  assert.ok(await page.evaluate(() => window.polewatch!.lastPoles().some((p) => p.owner_code !== null)));

  await page.check('#filter-orphan');
  await page.waitForFunction(
    (n) => document.body.dataset.loading === '0' && window.polewatch!.lastPoles().length > 0 && window.polewatch!.lastPoles().length < n,
    all,
  );
  const orphans = await page.evaluate(() => window.polewatch!.lastPoles());
  assert.ok(orphans.every((p) => p.owner_code === null), 'only orphan poles remain');
  await page.screenshot({ path: `${SHOTS}/map-orphans.png` });
});

test('clicking an orphan pole opens its panel with attributes and history', async () => {
  const target = await page.evaluate(() => {
    const map = window.polewatch!.map!;
    const size = map.getSize();
    // A pole well inside the view, so the click cannot land on a control.
    const inside = window.polewatch!.lastPoles().find((p) => {
      const pt = map.latLngToContainerPoint([p.lat, p.lng]);
      return pt.x > 350 && pt.x < size.x - 450 && pt.y > 150 && pt.y < size.y - 150;
    })!;
    const pt = map.latLngToContainerPoint([inside.lat, inside.lng]);
    const box = map.getContainer().getBoundingClientRect();
    return { code: inside.code, x: box.left + pt.x, y: box.top + pt.y };
  });
  await page.mouse.click(target.x, target.y);
  const code = page.locator('[data-testid="pole-code"]');
  await code.waitFor({ state: 'visible' });
  assert.equal(await code.textContent(), target.code);
  const panel = await page.locator('#pole-panel').innerText();
  assert.match(panel, /未知|无主/, 'the owner is shown as unknown');
  await page.waitForFunction(() => document.querySelectorAll('#pole-panel li').length > 0);
  await page.screenshot({ path: `${SHOTS}/pole-panel.png` });
});

test('the English switch re-renders the interface', async () => {
  await page.getByRole('button', { name: /English/ }).click();
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  assert.match(await page.locator('#pole-panel').innerText(), /Unknown|No known owner/i);
  await page.screenshot({ path: `${SHOTS}/pole-panel-en.png` });
});
