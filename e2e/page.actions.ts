import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
// Types window.polewatch, the read-only hook the page exposes for tests.
import type { DrawnPoleSummary } from '../web/src/app/test.hook.ts';

/** What a person does on the map page, shared by the browser tests. */

export const idle = (p: Page) => p.waitForFunction(() => document.body.dataset.loading === '0');

/** Centres the map on a pole that `pick` chooses among those drawn, clicks it, waits for its details. */
export async function openPole(p: Page, pick: (poles: DrawnPoleSummary[]) => DrawnPoleSummary | undefined): Promise<DrawnPoleSummary> {
  await p.evaluate(() => void window.polewatch!.map!.setView([36.455, 115.985], 17, { animate: false }));
  await p.waitForFunction(() => window.polewatch!.mode() === 'poles' && window.polewatch!.lastPoles().length > 0);
  await idle(p);
  const pole = pick(await p.evaluate(() => window.polewatch!.lastPoles()));
  assert.ok(pole, 'a pole of the wanted kind is drawn');
  // Centred, so the click lands on the map and never on a panel or a control.
  await p.evaluate(({ lat, lng }) => void window.polewatch!.map!.setView([lat, lng], 18, { animate: false }), pole);
  await idle(p);
  const xy = await p.evaluate(({ lat, lng }) => {
    const map = window.polewatch!.map!;
    const pt = map.latLngToContainerPoint([lat, lng]);
    const box = map.getContainer().getBoundingClientRect();
    return { x: box.left + pt.x, y: box.top + pt.y };
  }, pole);
  await p.mouse.click(xy.x, xy.y);
  await p.waitForFunction((code) => document.querySelector('[data-testid="pole-code"]')?.textContent === code, pole.code);
  await p.waitForSelector('#pole-panel[data-detail="ready"]');
  return pole;
}

export async function signIn(p: Page, username: string, password = `dev-${username}-2026`): Promise<void> {
  await p.click('#sign-in');
  const form = p.locator('[data-testid="login-form"]');
  await form.locator('input[name="username"]').fill(username);
  await form.locator('input[name="password"]').fill(password);
  await form.locator('button[type="submit"]').click();
}

export async function signInOk(p: Page, username: string): Promise<void> {
  await signIn(p, username);
  await p.waitForFunction((u) => window.polewatch!.session()?.username === u, username);
  await p.waitForSelector('#sign-out');
}

export async function signOut(p: Page): Promise<void> {
  await p.click('#sign-out');
  await p.waitForSelector('#sign-in');
}

/**
 * Scrolls an element into view in one step inside the page. Panels redraw when fresh data
 * arrives, and a locator's scrollIntoViewIfNeeded fails when its element is swapped mid-way.
 */
export async function scrollTo(p: Page, selector: string): Promise<void> {
  await p.waitForSelector(selector);
  await p.evaluate((sel) => document.querySelector(sel)?.scrollIntoView({ block: 'nearest' }), selector);
}
