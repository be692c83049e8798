import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page, Request } from 'playwright-core';
import { idle, signIn } from './page.actions.ts';
import { launchChromium, startServer, type RunningServer } from './server.harness.ts';

/**
 * An officer on a phone in an alley with no signal. Signed in and online once (the service
 * worker installs), then offline: locate me, add a pole at my position (dragging the pin),
 * flag a violation on it with a camera photo, reload the page with no network (the service
 * worker serves the shell and the last area), see all three records pending, go online and
 * see them sent — each EXACTLY ONCE on the server, even though the answer to the first
 * attempt at creating the pole is lost on its way back (the Idempotency-Key makes the retry a
 * replay). Then an edit made offline meets a change made meanwhile by someone else: the 412
 * is shown with both versions and the officer chooses.
 */
let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let files: string;
let photo: string;
const SHOTS = 'e2e/screenshots';
const PHONE = { width: 360, height: 740 };
// In the fixture city's centre, among poles on the map.
const HERE = { latitude: 36.4561, longitude: 115.9873, accuracy: 14 };
// A real 16×16 PNG, so the server's image checks pass.
const PNG_BASE64 =
  'iVBORw0KGgoAAAANSUhEUgAAABAAAAAQCAIAAACQkWg2AAAAJElEQVR42mM4YaMBR79O2MARLnGGQaiBGEXI4oNRw2g8DAoNAP5klRDdg/lRAAAAAElFTkSuQmCC';
const DESCRIPTION = `杆体断裂倾倒，线缆垂地（离线登记 ${Date.now()}）`;

before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  files = mkdtempSync(join(tmpdir(), 'polewatch-offline-'));
  photo = join(files, 'broken-pole.png');
  writeFileSync(photo, Buffer.from(PNG_BASE64, 'base64'));
  server = await startServer(3370);
  browser = await launchChromium();
  context = await browser.newContext({
    viewport: PHONE,
    isMobile: true,
    hasTouch: true,
    deviceScaleFactor: 2,
    baseURL: server.url,
    geolocation: HERE,
    permissions: ['geolocation'],
  });
  page = await context.newPage();
});
after(async () => {
  await browser?.close();
  await server?.stop();
  if (files) rmSync(files, { recursive: true, force: true });
});

const outbox = (p: Page) => p.evaluate(() => window.polewatch!.outbox());
const badge = (p: Page) => p.locator('[data-testid="outbox-badge"]');

async function ready(p: Page): Promise<void> {
  await p.evaluate(() => window.polewatch!.ready);
  await idle(p);
}

/** The poles the server has in a small box around a point (public read, no cache). */
async function polesNear(p: Page, lat: number, lng: number, d = 0.00005): Promise<{ id: number; code: string }[]> {
  const res = await p.request.get(`/api/poles?bbox=${lng - d},${lat - d},${lng + d},${lat + d}&limit=50`);
  assert.equal(res.status(), 200);
  const body = (await res.json()) as { features: { properties: { id: number; code: string } }[] };
  return body.features.map((f) => f.properties);
}

test('signed in once online, the service worker takes the page; the bottom sheet and locate me work with thumbs', async () => {
  await page.goto('/');
  await ready(page);
  await signIn(page, 'officer');
  await page.waitForFunction(() => window.polewatch!.session()?.username === 'officer');
  assert.equal(await page.evaluate(() => window.polewatch!.offlineReady), true, 'a service worker controls the page');
  const sw = await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL);
  assert.match(sw ?? '', /\/sw\.js$/);

  // Every thumb target on the map page is at least 44 px.
  await page.evaluate(() => void window.polewatch!.map!.setView([36.4561, 115.9873], 17, { animate: false }));
  await idle(page);
  const small = await page.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLElement>('.app-header button, .leaflet-control button, .leaflet-control a, .field-controls button'))
      .filter((el) => el.offsetParent !== null)
      .map((el) => ({ name: el.getAttribute('aria-label') ?? el.textContent, w: el.getBoundingClientRect().width, h: el.getBoundingClientRect().height }))
      .filter((b) => b.w < 44 || b.h < 44),
  );
  assert.deepEqual(small, [], 'no control smaller than 44 px');

  await page.click('[data-testid="locate-me"]');
  await page.waitForFunction(() => /±\s*14/.test(document.querySelector('[data-testid="locate-status"]')?.textContent ?? ''));
  const centre = await page.evaluate(() => window.polewatch!.map!.getCenter());
  assert.ok(Math.abs(centre.lat - HERE.latitude) < 1e-4 && Math.abs(centre.lng - HERE.longitude) < 1e-4, 'the map centres on my position');
  assert.equal(await page.locator('#pole-panel').isHidden(), true, 'the tap on the button does not reach a pole under it');
  await idle(page);
  await page.screenshot({ path: `${SHOTS}/mobile-locate.png` });

  // A pole's panel is a bottom sheet: half height, dragged to full, tapped to collapsed.
  const pole = (await page.evaluate(() => window.polewatch!.lastPoles()))[0];
  assert.ok(pole, 'poles are drawn around me');
  await page.evaluate((id) => window.polewatch!.openPole(id), pole.id);
  await page.waitForSelector('#pole-panel[data-detail="ready"]');
  const sheet = page.locator('#pole-panel');
  assert.equal(await sheet.getAttribute('data-sheet'), 'half');
  const half = (await sheet.boundingBox())!;
  assert.ok(half.height > PHONE.height * 0.45 && half.height < PHONE.height * 0.65, `half sheet is about half the screen (${half.height})`);
  await idle(page);
  await page.screenshot({ path: `${SHOTS}/mobile-sheet.png` });
  const handle = (await page.locator('#pole-panel [data-testid="sheet-handle"]').boundingBox())!;
  await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
  await page.mouse.down();
  for (const dy of [60, 160, 260, 330]) await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2 - dy);
  await page.mouse.up();
  await page.waitForFunction(() => document.getElementById('pole-panel')?.dataset.sheet === 'full');
  await page.locator('#pole-panel [data-testid="sheet-handle"]').click();
  await page.waitForFunction(() => document.getElementById('pole-panel')?.dataset.sheet === 'collapsed');
  await page.screenshot({ path: `${SHOTS}/mobile-sheet-collapsed.png` });
  await page.locator('#pole-panel .panel-close').click();
  await page.waitForSelector('#pole-panel', { state: 'hidden' });
});

let placed = { lat: 0, lng: 0 };
/** the poles the server had around my position before anything was recorded */
let existing = new Set<number>();

test('offline: a pole at my position (pin dragged) with a violation and a camera photo goes to the outbox, pending on the map', async () => {
  existing = new Set((await polesNear(page, HERE.latitude, HERE.longitude, 0.001)).map((p) => p.id));
  await context.setOffline(true);
  await page.waitForFunction(() => !navigator.onLine);

  await page.click('[data-testid="add-pole"]');
  await page.waitForSelector('#new-pole-panel:not([hidden])');
  const start = (await page.evaluate(() => window.polewatch!.newPolePosition()))!;
  assert.ok(Math.abs(start.lat - HERE.latitude) < 1e-6 && Math.abs(start.lng - HERE.longitude) < 1e-6, 'the pin starts at my position');
  // Drag the pin to the pole, a few metres away.
  const pin = (await page.locator('.draft-pole').boundingBox())!;
  const from = { x: pin.x + pin.width / 2, y: pin.y + pin.height - 6 };
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  for (const d of [10, 25, 40]) await page.mouse.move(from.x + d, from.y - d / 2);
  await page.mouse.up();
  placed = (await page.evaluate(() => window.polewatch!.newPolePosition()))!;
  assert.ok(placed.lng > start.lng && placed.lat > start.lat, 'dragging the pin moved the new pole');
  assert.match(await page.locator('[data-testid="new-pole-where"]').innerText(), new RegExp(placed.lat.toFixed(6)));

  const form = page.locator('[data-testid="new-pole-form"]');
  await form.locator('select[name="condition"]').selectOption('broken');
  await form.locator('[data-testid="flag-toggle"]').check();
  await form.locator('[data-testid="flag-category"]').selectOption('broken_unmaintained');
  await form.locator('[data-testid="flag-description"]').fill(DESCRIPTION);
  const camera = form.locator('[data-testid="violation-photos"]');
  assert.equal(await camera.getAttribute('accept'), 'image/*');
  assert.equal(await camera.getAttribute('capture'), 'environment');
  await camera.setInputFiles(photo);
  await page.screenshot({ path: `${SHOTS}/mobile-add-pole.png` });
  await form.locator('[data-testid="new-pole-save"]').click();
  await page.waitForSelector('#new-pole-panel', { state: 'hidden' });

  const items = await outbox(page);
  assert.deepEqual(items.map((i) => i.kind), ['pole.create', 'case.create', 'case.photo']);
  assert.ok(items.every((i) => i.state === 'pending'));
  await page.waitForFunction(() => document.querySelector('[data-testid="outbox-count"]')?.textContent?.includes('3'));
  assert.match(await badge(page).innerText(), /离线/);
  const pending = await page.evaluate(() => window.polewatch!.pendingPoles());
  assert.equal(pending.length, 1);
  assert.equal(await page.locator('path.pending-pole').count(), 1, 'the pending pole is drawn in its own style');
  await page.screenshot({ path: `${SHOTS}/mobile-pending.png` });
});

test('a reload with no network: the service worker serves the page and the last area, the records are still pending', async () => {
  await page.reload();
  await ready(page);
  assert.equal(await page.evaluate(() => navigator.onLine), false);
  assert.equal(await page.evaluate(() => window.polewatch!.session()?.username), 'officer', 'the officer is remembered offline');
  assert.ok((await page.evaluate(() => window.polewatch!.lastPoles().length)) > 0, 'the last viewed poles come from the cache');
  assert.equal((await outbox(page)).length, 3);
  await page.waitForFunction(() => window.polewatch!.pendingPoles().length === 1);
  await page.evaluate(({ lat, lng }) => void window.polewatch!.map!.setView([lat, lng], 18, { animate: false }), placed);
  await page.waitForFunction(() => document.querySelector('[data-testid="outbox-count"]')?.textContent?.includes('3'));
  await page.click('[data-testid="outbox-badge"]');
  await page.waitForSelector('[data-testid="outbox-list"] li >> nth=2');
  await page.screenshot({ path: `${SHOTS}/mobile-outbox-offline.png` });
  await page.keyboard.press('Escape');
});

test('back online: sent in order, a lost answer replayed by its key, and each record exists exactly once', async () => {
  // The server processes the first POST /api/poles, but its answer never reaches the phone.
  const sentKeys: string[] = [];
  const replayed: string[] = [];
  let lost = false;
  await page.route('**/api/poles', async (route) => {
    const request = route.request();
    if (request.method() !== 'POST') return route.fallback();
    sentKeys.push(request.headers()['idempotency-key'] ?? '');
    if (lost) return route.fallback();
    lost = true;
    const response = await route.fetch();
    assert.equal(response.status(), 201, 'the server did create the pole');
    await route.abort('connectionreset');
  });
  page.on('response', (res) => {
    if (res.request().method() === 'POST' && res.headers()['idempotency-replayed'] === 'true') replayed.push(new URL(res.url()).pathname);
  });
  const order: string[] = [];
  const noteOrder = (r: Request) => {
    if (r.method() === 'POST' && r.url().includes('/api/')) order.push(new URL(r.url()).pathname.replace(/\d+/g, ':id'));
  };
  page.on('request', noteOrder);

  await context.setOffline(false);
  await page.waitForFunction(() => window.polewatch!.outbox().length === 0, null, { timeout: 90_000 });
  page.off('request', noteOrder);
  await page.unroute('**/api/poles');

  assert.ok(sentKeys.length >= 2, 'the pole was sent again after the lost answer');
  assert.ok(sentKeys.every((k) => k === sentKeys[0] && /^[0-9a-f-]{36}$/.test(k)), 'every attempt carried the same Idempotency-Key');
  assert.ok(replayed.includes('/api/poles'), 'the retry was answered as a replay');
  // Parents first: the case only once the pole had its server id, the photo after its case.
  assert.deepEqual(order.filter((p, i) => order.indexOf(p) === i), ['/api/poles', '/api/cases', '/api/cases/:id/photos']);

  const there = (await polesNear(page, HERE.latitude, HERE.longitude, 0.001)).filter((p) => !existing.has(p.id));
  assert.equal(there.length, 1, 'exactly one new pole on the server');
  assert.deepEqual((await polesNear(page, placed.lat, placed.lng)).filter((p) => p.id === there[0]!.id).length, 1, 'where the pin was dropped');
  const code = there[0]!.code;
  const cases = (await (await page.request.get('/api/cases?limit=200')).json()) as { items: { id: number; pole_codes: string[] }[] };
  const mine = cases.items.filter((c) => c.pole_codes.includes(code));
  assert.equal(mine.length, 1, 'exactly one case on the new pole');
  const photos = (await (await page.request.get(`/api/cases/${mine[0]!.id}/photos`)).json()) as { items: { pole_id: number | null }[] };
  assert.equal(photos.items.length, 1, 'exactly one photo on the case');
  assert.equal(photos.items[0]!.pole_id, there[0]!.id, 'the photo names the new pole by its server id');

  await page.waitForFunction(() => window.polewatch!.pendingPoles().length === 0);
  await page.waitForFunction((id) => window.polewatch!.lastPoles().some((p) => p.id === id), there[0]!.id);
  await expectBadgeHidden(page);
  await page.screenshot({ path: `${SHOTS}/mobile-synced.png` });
});

async function expectBadgeHidden(p: Page): Promise<void> {
  await p.waitForFunction(() => (document.querySelector('.outbox-control') as HTMLElement | null)?.hidden === true);
}

test('an edit made offline meets a change made meanwhile: both versions shown, the officer keeps theirs or mine', async () => {
  const target = (await polesNear(page, placed.lat, placed.lng)).find((p) => !existing.has(p.id))!;
  await page.evaluate((id) => window.polewatch!.openPole(id), target.id);
  await page.waitForSelector('#pole-panel[data-detail="ready"]');
  await context.setOffline(true);
  await page.waitForFunction(() => !navigator.onLine);
  await page.click('[data-testid="edit-pole"]');
  const form = page.locator('#pole-panel [data-testid="pole-edit-form"]');
  await form.locator('select[name="condition"]').selectOption('fallen');
  await form.locator('[data-testid="edit-save"]').click();
  await page.waitForFunction(() => window.polewatch!.outbox().some((i) => i.kind === 'pole.patch'));
  assert.match(await page.locator('#pole-panel').innerText(), /修改已保存在本机/);

  // Meanwhile a colleague, online, changes the same pole.
  const colleague = await browser.newContext({ baseURL: server.url });
  const login = await colleague.request.post('/api/auth/login', { data: { username: 'officer2', password: 'dev-officer2-2026' } });
  assert.equal(login.status(), 200);
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const current = await colleague.request.get(`/api/poles/${target.id}`);
  const changed = await colleague.request.patch(`/api/poles/${target.id}`, {
    headers: { 'If-Match': current.headers()['etag']!, 'X-CSRF-Token': csrfToken },
    data: { condition: 'leaning', note: '同事已现场复核' },
  });
  assert.equal(changed.status(), 200);
  await colleague.close();

  await context.setOffline(false);
  await page.waitForFunction(() => window.polewatch!.outbox().some((i) => i.kind === 'pole.patch' && i.state === 'conflict'), null, { timeout: 60_000 });
  await page.waitForFunction(() => document.querySelector('#outbox-badge')?.getAttribute('data-attention') === '1');
  await page.locator('#pole-panel .panel-close').click();
  await page.click('[data-testid="outbox-badge"]');
  await page.click('[data-testid="outbox-resolve"]');
  const table = page.locator('[data-testid="conflict-table"]');
  await table.waitFor();
  const row = table.locator('tr[data-field="condition"]');
  assert.equal(await row.locator('[data-testid="conflict-mine-value"]').innerText(), '倒伏');
  assert.equal(await row.locator('[data-testid="conflict-theirs-value"]').innerText(), '倾斜');
  assert.equal(await table.locator('tr[data-field="note"] [data-testid="conflict-theirs-value"]').innerText(), '同事已现场复核');
  await page.screenshot({ path: `${SHOTS}/mobile-conflict.png` });
  await page.click('[data-testid="conflict-mine"]');
  await page.waitForFunction(() => window.polewatch!.outbox().length === 0, null, { timeout: 60_000 });
  await page.keyboard.press('Escape');
  await page.waitForSelector('.outbox-dialog', { state: 'detached' });

  const after = (await (await page.request.get(`/api/poles/${target.id}`)).json()) as { properties: { condition: string; note: string | null } };
  assert.equal(after.properties.condition, 'fallen', 'mine for the field I changed');
  assert.equal(after.properties.note, '同事已现场复核', 'their other change stays');
});

test('a record the server refuses (4xx) is kept as failed with its words, not retried, and what depends on it waits', async () => {
  let posts = 0;
  await page.route('**/api/poles', async (route) => {
    if (route.request().method() !== 'POST') return route.fallback();
    posts += 1;
    await route.fulfill({ status: 422, json: { error: { code: 'outside_service_area', message: 'The point lies outside the service area.' } } });
  });
  await page.click('[data-testid="add-pole"]');
  await page.waitForSelector('#new-pole-panel:not([hidden])');
  const form = page.locator('[data-testid="new-pole-form"]');
  await form.locator('[data-testid="flag-toggle"]').check();
  await form.locator('[data-testid="flag-category"]').selectOption('other');
  await form.locator('[data-testid="flag-description"]').fill('界外测试');
  await form.locator('[data-testid="new-pole-save"]').click();
  await page.waitForFunction(() => window.polewatch!.outbox().some((i) => i.kind === 'pole.create' && i.state === 'failed'));
  const items = await outbox(page);
  assert.deepEqual(items.map((i) => [i.kind, i.state]), [['pole.create', 'failed'], ['case.create', 'pending']]);
  assert.equal(items[0]!.error, 'The point lies outside the service area.');
  await page.waitForTimeout(5000);
  assert.equal(posts, 1, 'a refused record is not sent again on its own');

  await page.click('[data-testid="outbox-badge"]');
  const list = page.locator('[data-testid="outbox-list"]');
  await list.locator('li[data-state="failed"]').waitFor();
  // The person reads the refusal in their language, from its code, not the server's English words.
  assert.match(await list.locator('li[data-state="failed"]').innerText(), /服务器未接受：图形超出本市服务范围/);
  assert.match(await list.locator('li[data-kind="case.create"]').innerText(), /它所属的记录未能发送/);
  await page.screenshot({ path: `${SHOTS}/mobile-outbox-failed.png` });
  await list.locator('li[data-state="failed"] [data-testid="outbox-discard"]').click();
  await page.click('[data-testid="confirm-yes"]');
  await page.waitForFunction(() => window.polewatch!.outbox().length === 0);
  await page.unroute('**/api/poles');
});
