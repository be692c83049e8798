import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { openPole, signIn, signInOk, signOut } from './page.actions.ts';
import { openBrowserSession, type BrowserSession, type RunningServer } from './server.harness.ts';

/**
 * Accounts and roles end to end: what each kind of user is offered on the map, that the
 * server refuses what the page hides, and the admin pages (users, tokens, audit log).
 */
let session: BrowserSession | undefined;
let server: RunningServer;
let browser: Browser;
let page: Page;
const SHOTS = 'e2e/screenshots';
/** the pole the officer edits; the admin later finds it in the audit log */
let editedPoleId = 0;

before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  session = await openBrowserSession(3198);
  ({ server, browser, page } = session);
});
after(async () => {
  await session?.close();
});

/** A pole as the server has it now, read with the page's own session. */
function readPole(p: Page, id: number): Promise<{ etag: string; version: number; condition: string }> {
  // Arrow functions only inside evaluate: tsx names declared functions with a helper
  // (__name) that does not exist in the page.
  return p.evaluate(async (poleId) => {
    const res = await fetch(`/api/poles/${poleId}`, { cache: 'no-store' });
    const props = ((await res.json()) as { properties: { version: number; condition: string } }).properties;
    return { etag: res.headers.get('ETag') ?? '', version: props.version, condition: props.condition };
  }, id);
}

test('anonymous: the map shows a Sign in button and no Edit button on a pole', async () => {
  await page.goto(server.url);
  await page.evaluate(() => window.polewatch!.ready);
  await page.waitForSelector('#sign-in');
  await openPole(page, (poles) => poles.find((p) => p.owner_code !== null));
  assert.equal(await page.locator('[data-testid="edit-pole"]').count(), 0);
});

test('officer: a wrong password is explained; signed in, edits a pole including its owner', async () => {
  await signIn(page, 'officer', 'not-the-password');
  const error = page.locator('[data-testid="login-form"] .form-message-error');
  await error.waitFor();
  assert.match(await error.innerText(), /用户名或密码不正确/);
  await page.screenshot({ path: `${SHOTS}/auth-login-error.png` });
  await page.locator('[data-testid="login-form"] input[name="password"]').fill('dev-officer-2026');
  await page.locator('[data-testid="login-form"] button[type="submit"]').click();
  await page.waitForSelector('#sign-out');
  const who = await page.locator('[data-testid="account-who"]').innerText();
  assert.match(who, /王执法/);
  assert.match(who, /执法队员/);
  assert.match(who, /聊城市城市管理局/);
  assert.equal(await page.locator('#admin-link').count(), 0, 'officers get no admin link');

  // The panel that was open reloads with the officer's permissions.
  await page.waitForSelector('[data-testid="edit-pole"]');
  const pole = await openPole(page, (poles) => poles.find((p) => p.owner_code === 'mobile' && p.condition === 'good'));
  editedPoleId = pole.id;
  await page.click('[data-testid="edit-pole"]');
  await page.waitForSelector('[data-testid="pole-edit-form"]');
  assert.equal(await page.locator('[data-testid="edit-owner"]').count(), 1, 'officers may change the owner');
  await page.screenshot({ path: `${SHOTS}/auth-officer-edit.png` });

  await page.selectOption('[data-testid="pole-edit-form"] select[name="condition"]', 'broken');
  await page.click('[data-testid="edit-save"]');
  await page.waitForFunction(() => document.querySelector('[data-testid="pole-condition"]')?.textContent === '断杆');
  assert.equal(await page.locator('[data-testid="pole-edit-form"]').count(), 0, 'the form closes after saving');
  assert.match(await page.locator('#pole-panel').innerText(), /已保存/);
  // The new history entry names the field and the officer.
  await page.waitForFunction(() => {
    const first = document.querySelector('#pole-panel .history-item');
    return first !== null && /修改/.test(first.textContent ?? '') && /状况/.test(first.textContent ?? '');
  });
  assert.match(await page.locator('#pole-panel .history-item').first().innerText(), /officer/);
  // The map marker is restyled from the saved pole.
  await page.waitForFunction((id) => window.polewatch!.lastPoles().find((p) => p.id === id)?.condition === 'broken', pole.id);
  await page.screenshot({ path: `${SHOTS}/auth-officer-saved.png` });
});

test('carrier: edits its own firm’s poles only, and the server refuses the rest', async () => {
  await signOut(page);
  await page.waitForFunction(() => document.querySelector('[data-testid="edit-pole"]') === null);
  await signInOk(page, 'telecom');
  assert.match(await page.locator('[data-testid="account-who"]').innerText(), /中国电信/);

  await openPole(page, (poles) => poles.find((p) => p.owner_code === 'telecom'));
  await page.click('[data-testid="edit-pole"]');
  await page.waitForSelector('[data-testid="pole-edit-form"]');
  assert.equal(await page.locator('[data-testid="edit-owner"]').count(), 0, 'carriers cannot change the owner');
  await page.screenshot({ path: `${SHOTS}/auth-carrier-edit.png` });
  await page.getByRole('button', { name: '取消' }).click();

  const foreign = await openPole(page, (poles) => poles.find((p) => p.owner_code === 'unicom'));
  assert.equal(await page.locator('[data-testid="edit-pole"]').count(), 0, 'no Edit on another firm’s pole');

  // Hidden is not enough: the same session, going round the page, is refused.
  const before = await readPole(page, foreign.id);
  const attempt = await page.evaluate(
    async ({ id, etag, condition }) => {
      const me = (await (await fetch('/api/auth/me', { cache: 'no-store' })).json()) as { csrfToken: string };
      const res = await fetch(`/api/poles/${id}`, {
        method: 'PATCH',
        headers: { 'Content-Type': 'application/json', 'If-Match': etag, 'X-CSRF-Token': me.csrfToken },
        body: JSON.stringify({ condition }),
      });
      return { status: res.status, code: ((await res.json()) as { error?: { code?: string } }).error?.code };
    },
    { id: foreign.id, etag: before.etag, condition: before.condition === 'broken' ? 'good' : 'broken' },
  );
  const afterwards = await readPole(page, foreign.id);
  assert.equal(attempt.status, 403);
  assert.ok(['forbidden', 'not_your_pole'].includes(attempt.code ?? ''), `refused as ${attempt.code}`);
  assert.equal(afterwards.version, before.version, 'the pole is unchanged');
  assert.equal(afterwards.condition, before.condition);
});

test('a carrier’s own administrator gets a Tokens page for its firm only', async () => {
  await signOut(page);
  await signInOk(page, 'unicom');
  const link = page.locator('#admin-link');
  assert.equal(await link.innerText(), 'API 令牌');
  await link.click();
  await page.waitForSelector('[data-testid="tokens-page"]');
  assert.deepEqual(await page.locator('.admin-tab').allInnerTexts(), ['API 令牌']);
  assert.match(await page.locator('.scope-note').innerText(), /中国联通/);
  assert.ok(await page.locator('[data-testid="token-form"] select[name="org"]').isDisabled());
  await page.click('#sign-out');
  await page.waitForSelector('.admin-note');
  await page.goto(server.url);
  await page.evaluate(() => window.polewatch!.ready);
});

test('admin: lists users, creates a token shown once, finds the officer’s edit in the audit log, verifies the chain', async () => {
  await signInOk(page, 'admin');
  await page.screenshot({ path: `${SHOTS}/auth-header-admin.png` });
  await page.click('#admin-link');
  await page.waitForSelector('[data-testid="users-page"] table');
  const usernames = await page.locator('[data-testid="users-page"] tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-username')));
  for (const u of ['admin', 'officer', 'telecom', 'unicom', 'viewer']) assert.ok(usernames.includes(u), `${u} is listed`);
  await page.screenshot({ path: `${SHOTS}/admin-users.png` });

  await page.click('a[data-section="tokens"]');
  await page.fill('[data-testid="token-form"] input[name="name"]', '资源系统同步');
  await page.selectOption('[data-testid="token-form"] select[name="org"]', 'telecom');
  await page.click('[data-testid="token-create"]');
  const secret = page.locator('[data-testid="token-secret"]');
  await secret.waitFor();
  const token = await secret.inputValue();
  assert.match(token, /^pwt_/);
  assert.match(await page.locator('dialog[open]').innerText(), /唯一一次/);
  await page.screenshot({ path: `${SHOTS}/admin-token-once.png` });
  await page.getByRole('button', { name: '我已保存，关闭' }).click();
  await page.waitForSelector('dialog[open]', { state: 'detached' });
  assert.ok(!(await page.content()).includes(token), 'the secret is gone once the dialog is closed');
  assert.match(await page.locator('[data-testid="tokens-page"] tbody').innerText(), /资源系统同步/);
  await page.screenshot({ path: `${SHOTS}/admin-tokens.png` });

  await page.click('a[data-section="audit"]');
  await page.waitForSelector('[data-testid="audit-page"] .audit-table');
  await page.selectOption('[data-testid="audit-page"] select[name="entity_type"]', 'pole');
  await page.fill('[data-testid="audit-page"] input[name="entity_id"]', String(editedPoleId));
  await page.click('[data-testid="audit-search"]');
  const row = page.locator(`tr[data-entity="pole:${editedPoleId}"]`).first();
  await row.waitFor();
  assert.equal(await row.getAttribute('data-action'), 'pole.update');
  assert.match(await row.innerText(), /officer/);
  await row.locator('.audit-toggle').click();
  const detail = page.locator('tr.audit-detail:not([hidden])').first();
  assert.match(await detail.innerText(), /"condition": "broken"/);
  assert.match(await detail.innerText(), /"condition": "good"/);

  await page.click('[data-testid="audit-verify"]');
  const verdict = page.locator('[data-testid="audit-verify-result"]');
  await verdict.waitFor();
  assert.match(await verdict.innerText(), /哈希链完整/);
  await page.screenshot({ path: `${SHOTS}/admin-audit.png`, fullPage: true });
});

test('on a phone, in English: sign-in, account menu, edit form and admin pages fit 360 px', async () => {
  const phone = await browser.newContext({ viewport: { width: 360, height: 740 } });
  await phone.addInitScript(() => window.localStorage.setItem('polewatch.lang', 'en'));
  const p = await phone.newPage();
  const fits = async (what: string) => {
    const width = await p.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 360, `${what} is ${width}px wide`);
  };
  await p.goto(`${server.url}/#/login`);
  await p.evaluate(() => window.polewatch!.ready);
  await p.waitForSelector('dialog[open] [data-testid="login-form"]');
  await p.screenshot({ path: `${SHOTS}/phone-en-login.png` });
  await p.locator('input[name="username"]').fill('officer');
  await p.locator('input[name="password"]').fill('dev-officer-2026');
  await p.locator('[data-testid="login-form"] button[type="submit"]').click();
  await p.waitForFunction(() => window.polewatch!.session()?.username === 'officer');
  await p.click('.account-toggle');
  await p.waitForSelector('#sign-out', { state: 'visible' });
  assert.match(await p.locator('[data-testid="account-who"]').innerText(), /Enforcement officer/);
  await p.screenshot({ path: `${SHOTS}/phone-en-account.png` });
  await p.click('.account-toggle');

  await openPole(p, (poles) => poles.find((x) => x.owner_code === 'telecom'));
  await p.click('[data-testid="edit-pole"]');
  await p.waitForSelector('[data-testid="pole-edit-form"]');
  await fits('the edit form');
  await p.screenshot({ path: `${SHOTS}/phone-en-edit.png` });
  await p.click('.account-toggle');
  await p.click('#sign-out');
  await p.waitForSelector('#sign-in');

  await p.goto(`${server.url}/admin.html#/users`);
  await p.click('.admin-note button');
  await p.locator('input[name="username"]').fill('admin');
  await p.locator('input[name="password"]').fill('dev-admin-2026');
  await p.locator('[data-testid="login-form"] button[type="submit"]').click();
  await p.waitForSelector('[data-testid="users-page"] table');
  await fits('the users page');
  await p.screenshot({ path: `${SHOTS}/phone-en-users.png` });
  await p.click('a[data-section="tokens"]');
  await p.waitForSelector('[data-testid="tokens-page"] table');
  await fits('the tokens page');
  await p.screenshot({ path: `${SHOTS}/phone-en-tokens.png` });
  await p.click('a[data-section="audit"]');
  await p.waitForSelector('.audit-table');
  await p.locator('.audit-toggle').first().click();
  await p.locator('tr.audit-detail:not([hidden])').first().scrollIntoViewIfNeeded();
  await fits('the audit page');
  await p.screenshot({ path: `${SHOTS}/phone-en-audit.png` });
  await phone.close();
});
