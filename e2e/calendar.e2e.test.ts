import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { signInOk } from './page.actions.ts';
import { openBrowserSession, type BrowserSession } from './server.harness.ts';

/**
 * An admin enters next year's working-day calendar before this one ends: a run of holidays at
 * once, a weekend make-up working day, a mistake the server refuses in words, then the save;
 * deadlines reaching into that year can then be counted. Until then the officers' case list
 * warns, from November on, by the server's clock.
 */
let session: BrowserSession | undefined;
let page: Page;
const SHOTS = 'e2e/screenshots';

before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  // Late November on the server's clock, the one deadlines use: next year is due to be entered.
  session = await openBrowserSession(3196, { baseURL: true, clock: true });
  await session.server.setNow(new Date('2026-11-20T02:00:00Z'));
  page = session.page;
});
after(() => session?.close());

async function addRange(p: Page, from: string, to: string, kind: 'holiday' | 'workday', zh: string, en: string): Promise<void> {
  await p.fill('[data-testid="calendar-from"]', from);
  await p.fill('[data-testid="calendar-to"]', to);
  await p.selectOption('[data-testid="calendar-kind"]', kind);
  await p.fill('[data-testid="calendar-name-zh"]', zh);
  await p.fill('[data-testid="calendar-name-en"]', en);
  await p.click('[data-testid="calendar-add"]');
}

test('admin: enters 2027 (a run of holidays and a make-up Saturday); a weekday make-up day is refused in words; deadlines then reach into 2027', async () => {
  const before2027 = await page.request.get('/api/calendar?year=2027');
  assert.equal(before2027.status(), 401, 'signed in only');
  await page.goto('/');
  await page.evaluate(() => window.polewatch!.ready);
  await signInOk(page, 'admin');
  // Late in the year with next year missing, the case list says so.
  assert.equal(((await (await page.request.get('/api/calendar')).json()) as { today: string }).today, '2026-11-20');
  await page.click('#work-toggle');
  await page.click('[data-testid="work-tab-cases"]');
  const warning = page.locator('[data-testid="calendar-warning"]');
  await warning.waitFor();
  assert.match(await warning.innerText(), /2027 年工作日历尚未录入/);
  assert.equal(await warning.locator('a').getAttribute('href'), '/admin.html#/calendar', 'the admin is shown the way');
  await page.screenshot({ path: `${SHOTS}/calendar-warning.png` });
  await page.goto('/admin.html#/calendar');
  await page.waitForSelector('[data-testid="calendar-page"]');
  await page.fill('[data-testid="calendar-year"]', '2027');
  await page.locator('[data-testid="calendar-year"]').dispatchEvent('change');
  await page.waitForFunction(() => /2027 年尚未录入/.test(document.querySelector('[data-testid="calendar-status"]')?.textContent ?? ''));

  // 2027-01-01 is a Friday: New Year's Day off Friday to Sunday, Saturday the 9th worked.
  await addRange(page, '2027-01-01', '2027-01-03', 'holiday', '元旦', "New Year's Day");
  await addRange(page, '2027-01-04', '', 'workday', '元旦调休', "New Year's make-up");
  await page.click('[data-testid="calendar-save"]');
  await page.waitForSelector('.form-message-error');
  assert.match(await page.locator('.form-message-error').innerText(), /未能保存：.*2027-01-04/);
  await page.locator('tr[data-day="2027-01-04"] button').click();
  await addRange(page, '2027-01-09', '', 'workday', '元旦调休', "New Year's make-up");
  assert.equal(await page.locator('[data-testid="calendar-counts"]').innerText(), '放假 3 天，调休上班 1 天');
  await page.click('[data-testid="calendar-save"]');
  await page.waitForFunction(() => /已保存 2027 年日历，共 4 个日期/.test(document.querySelector('.form-message-ok')?.textContent ?? ''));
  assert.equal(await page.locator('[data-testid="calendar-status"]').innerText(), '已录入');
  await page.screenshot({ path: `${SHOTS}/admin-calendar.png`, fullPage: true });

  const saved = (await (await page.request.get('/api/calendar?year=2027')).json()) as { entered: boolean; days: { day: string; kind: string }[] };
  assert.equal(saved.entered, true);
  assert.deepEqual(saved.days.map((d) => [d.day, d.kind]), [['2027-01-01', 'holiday'], ['2027-01-02', 'holiday'], ['2027-01-03', 'holiday'], ['2027-01-09', 'workday']]);
  // 2026-12-31 (Thu) + 1 working day: Friday 1 January is a holiday, the weekend too → Monday 4 January.
  await page.goto('/');
  await page.evaluate(() => window.polewatch!.ready);
  await page.click('#work-toggle');
  await page.click('[data-testid="work-tab-cases"]');
  await page.waitForSelector('.case-list-view .work-empty, [data-testid="cases-list"]');
  await page.waitForTimeout(500);
  assert.equal(await page.locator('[data-testid="calendar-warning"]').count(), 0, 'gone once 2027 is entered');
  const deadline = (await (await page.request.get('/api/calendar/add-working-days?from=2026-12-31&days=1')).json()) as { date: string };
  assert.equal(deadline.date, '2027-01-04');
});
