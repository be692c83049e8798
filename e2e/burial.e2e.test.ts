import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { SpanPage } from '../web/src/api/dashboard.types.ts';
import { signInOk } from './page.actions.ts';
import { openBrowserSession, type BrowserSession } from './server.harness.ts';

/**
 * Cable burial planning end to end, as a district planner: open the planning page, draw a
 * route by clicking along a street that has overhead cable, watch its length, read the
 * impact (the page's Turf length and the server's within 0.5 %), save it as a project and
 * take it through approve → start → complete; the spans are then buried (asked of the API)
 * and drawn as buried. Then the dig-once side: import road works from a GeoJSON file (a dry
 * run that finds a problem, then a clean one), see them ranked, and zoom to one.
 */
const PORT = 3310;
const SHOTS = 'e2e/screenshots';
/** The dense middle of the fixture city (东昌府区), where most streets carry several firms. */
const CITY_BBOX = '115.97,36.44,116.0,36.47';
const PROJECT = '测试街（e2e）架空线缆入地';

let session: BrowserSession | undefined;
let page: Page;
let files: string;

type LngLat = [number, number];

before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  files = mkdtempSync(join(tmpdir(), 'polewatch-burial-'));
  session = await openBrowserSession(PORT, { baseURL: true });
  ({ page } = session);
});
after(async () => {
  await session?.close();
  if (files) rmSync(files, { recursive: true, force: true });
});

const idle = (p: Page) => p.waitForFunction(() => document.body.dataset.loading === '0');
const planning = (p: Page) => p.evaluate(() => window.polewatch!.planning!.route());

function bearing([x1, y1]: LngLat, [x2, y2]: LngLat): number {
  return Math.atan2(y2 - y1, (x2 - x1) * Math.cos((y1 * Math.PI) / 180));
}

/**
 * A straight run of six poles joined by overhead spans, chosen from what /api/spans says is
 * in the city centre: each pole-to-pole link turns less than 8° from the one before, so the
 * route drawn through the poles runs right along those spans.
 */
async function pickStreet(p: Page): Promise<LngLat[]> {
  const res = await p.request.get(`/api/spans?bbox=${CITY_BBOX}&status=overhead&limit=5000`);
  assert.equal(res.status(), 200);
  const spans = ((await res.json()) as SpanPage).features;
  assert.ok(spans.length > 100, `${spans.length} overhead spans in the centre`);
  const where = new Map<number, LngLat>();
  const next = new Map<number, Set<number>>();
  for (const s of spans) {
    const { from_pole_id: a, to_pole_id: b } = s.properties;
    const [p0, p1] = s.geometry.coordinates as [LngLat, LngLat];
    if (a === undefined || b === undefined) continue;
    where.set(a, p0);
    where.set(b, p1);
    next.set(a, (next.get(a) ?? new Set()).add(b));
    next.set(b, (next.get(b) ?? new Set()).add(a));
  }
  for (const [start, neighbours] of next) {
    for (const first of neighbours) {
      const chain = [start, first];
      while (chain.length < 6) {
        const a = chain[chain.length - 2]!;
        const b = chain[chain.length - 1]!;
        const heading = bearing(where.get(a)!, where.get(b)!);
        const onward = [...(next.get(b) ?? [])].find((c) => {
          if (chain.includes(c)) return false;
          const turn = Math.abs(bearing(where.get(b)!, where.get(c)!) - heading);
          return Math.min(turn, 2 * Math.PI - turn) < (8 * Math.PI) / 180;
        });
        if (onward === undefined) break;
        chain.push(onward);
      }
      if (chain.length === 6) return chain.map((id) => where.get(id)!);
    }
  }
  throw new Error('no straight street with six poles in the city centre');
}

/** Page coordinates of a map position. */
function pointOf(p: Page, [lng, lat]: LngLat): Promise<{ x: number; y: number }> {
  return p.evaluate(({ lng, lat }) => {
    const map = window.polewatch!.map!;
    const pt = map.latLngToContainerPoint([lat, lng]);
    const box = map.getContainer().getBoundingClientRect();
    return { x: box.left + pt.x, y: box.top + pt.y };
  }, { lng, lat });
}

let street: LngLat[] = [];
let spanIds: number[] = [];
let freedIds: number[] = [];

test('the planning page opens on the offline basemap, asks for a sign-in, and is linked from the map for planners', async () => {
  await page.goto('/planning.html');
  await page.evaluate(() => window.polewatch!.ready);
  assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
  assert.equal(await page.title(), '线缆入地规划 · polewatch');
  await page.waitForSelector('[data-testid="plan-sign-in-first"]');
  // District outlines and roads are vector layers: no tile server needed.
  assert.ok((await page.locator('.leaflet-pw-plan-base-pane path').count()) > 10, 'the vector basemap is drawn');

  await page.goto('/');
  await page.evaluate(() => window.polewatch!.ready);
  assert.equal(await page.locator('#nav-planning').count(), 0, 'no planning link for the public');
  await signInOk(page, 'planner');
  await page.click('#nav-planning');
  await page.waitForURL(/\/planning\.html$/);
  await page.evaluate(() => window.polewatch!.ready);
  await page.waitForSelector('[data-testid="route-tab"]');
  assert.equal(await page.evaluate(() => window.polewatch!.session()?.username), 'planner');
});

test('planner: draws a route along a street, sees its running length and the impact', async () => {
  street = await pickStreet(page);
  // Street zoom, the street clear of the panel, legend and controls.
  await page.evaluate((pts) => {
    const map = window.polewatch!.map!;
    map.fitBounds(pts.map(([lng, lat]) => [lat, lng] as [number, number]), { paddingTopLeft: [300, 120], paddingBottomRight: [120, 160], maxZoom: 17, animate: false });
  }, street);
  await idle(page);
  await page.waitForFunction(() => window.polewatch!.planning!.layers().overhead.length > 0);

  await page.click('[data-testid="route-draw"]');
  await page.waitForSelector('[data-testid="draw-bar"]');
  assert.match(await page.locator('[data-testid="draw-bar"]').innerText(), /点击地图放置路线起点/);
  // Start, middle and end of the run of poles.
  for (const at of [street[0]!, street[3]!, street[5]!]) {
    const { x, y } = await pointOf(page, at);
    await page.mouse.click(x, y);
  }
  await page.waitForFunction(() => /已画 3 个点/.test(document.querySelector('[data-testid="draw-bar"]')?.textContent ?? ''));
  const running = await page.locator('[data-testid="draw-bar"] .draw-hint').innerText();
  assert.match(running, /长 \d+(\.\d+)?\s*米/, `the running length is in metres: ${running}`);
  await page.click('[data-testid="draw-finish"]');

  await page.waitForFunction(() => window.polewatch!.planning!.route()?.impact != null);
  await idle(page);
  const state = (await planning(page))!;
  const impact = state.impact!;
  const client = state.clientLength!;
  const diff = Math.abs(client - impact.length_m) / impact.length_m;
  assert.ok(diff <= 0.005, `client ${client.toFixed(2)} m vs server ${impact.length_m} m: ${(diff * 100).toFixed(3)} %`);
  assert.ok(impact.length_m > 150, `${impact.length_m} m route`);
  assert.ok(impact.spans.count > 0, 'spans along the route');
  assert.ok(impact.spans.overhead_m > 0);
  assert.ok(impact.firms.length > 0, 'firms affected');

  const shown = page.locator('[data-testid="impact"]');
  assert.match(await shown.locator('[data-testid="impact-spans"]').innerText(), new RegExp(`^${impact.spans.count} 段$`));
  assert.match(await shown.innerText(), /在允许范围内/, 'the page says the two lengths agree');
  await page.waitForSelector('[data-testid="impact-firms"][data-chart-ready="1"]');
  assert.equal(await shown.locator('[data-testid="impact-firm-list"] li').count(), impact.firms.length);
  assert.ok((await shown.locator('[data-testid="impact-warnings"]').innerText()).length > 0, 'the warnings are said in words');
  assert.equal(await page.evaluate(() => window.polewatch!.planning!.layers().affected > 0), true, 'the spans it would bury are outlined');
  assert.equal((await page.evaluate(() => window.polewatch!.planning!.candidates())).length, impact.freed_poles.length, 'freed poles are marked');

  // Dragging a vertex is an edit: the impact is asked for again, and the lengths still agree.
  const before = state.assessed;
  const middle = await pointOf(page, street[3]!);
  await page.mouse.move(middle.x, middle.y);
  await page.mouse.down();
  await page.mouse.move(middle.x + 3, middle.y + 4, { steps: 4 });
  await page.mouse.up();
  await page.waitForFunction((n) => (window.polewatch!.planning!.route()?.assessed ?? 0) > n, before);
  const edited = (await planning(page))!;
  assert.notDeepEqual(edited.route, state.route, 'the route moved');
  assert.ok(Math.abs(edited.clientLength! - edited.impact!.length_m) / edited.impact!.length_m <= 0.005, 'the edited lengths agree');

  // A wider corridor asks again (and can only take in more cable).
  const seen = edited.assessed;
  await page.fill('[data-testid="corridor-input"]', '25');
  await page.waitForFunction((n) => (window.polewatch!.planning!.route()?.assessed ?? 0) > n && window.polewatch!.planning!.route()?.impact?.corridor_m === 25, seen);
  const wider = (await planning(page))!.impact!;
  assert.ok(wider.spans.count >= impact.spans.count);
  await page.fill('[data-testid="corridor-input"]', '15');
  await page.waitForFunction(() => window.polewatch!.planning!.route()?.impact?.corridor_m === 15);
  await idle(page);
  const final = (await planning(page))!.impact!;
  spanIds = final.spans.ids;
  freedIds = final.freed_poles.map((f) => f.id);
  await page.waitForSelector('[data-testid="impact-firms"][data-chart-ready="1"]');
  // The impact (figures, firms chart, warnings) in view beside the route on the map.
  await page.locator('#plan-panel h3', { hasText: '入地影响' }).evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await page.screenshot({ path: `${SHOTS}/burial-planning.png` });
});

test('planner: saves the route as a project and takes it through approve, start and complete', async () => {
  const impact = (await planning(page))!.impact!;
  await page.click('[data-testid="route-save"]');
  const form = page.locator('[data-testid="project-form"]');
  await form.waitFor();
  // The firms with cable along the route come ticked.
  for (const firm of impact.firms) assert.equal(await form.locator(`input[data-firm="${firm.code}"]`).isChecked(), true, `${firm.code} ticked`);
  await form.locator('[data-testid="project-submit"]').click();
  assert.match(await form.innerText(), /请填写工程名称/);
  await form.locator('[data-testid="project-name"]').fill(PROJECT);
  await form.locator('select[name="district"]').selectOption('DCF');
  await form.locator('[data-testid="project-submit"]').click();

  const view = page.locator('[data-testid="project-view"]');
  await page.waitForSelector('[data-testid="project-view"][data-status="proposed"]');
  assert.equal(await view.locator('[data-testid="project-name-view"]').innerText(), PROJECT);
  assert.match(await view.locator('[data-testid="project-timeline"]').innerText(), /创建工程/);
  // Only the moves a proposal allows.
  assert.deepEqual(await view.locator('[data-testid="project-actions"] button').evaluateAll((bs) => bs.map((b) => b.getAttribute('data-testid'))), ['project-approve', 'project-cancel']);

  await view.locator('[data-testid="project-approve"]').click();
  await page.waitForSelector('[data-testid="project-view"][data-status="approved"]');
  await view.locator('[data-testid="project-start"]').click();
  await page.locator('[data-testid="transition-confirm"]').click();
  await page.waitForSelector('[data-testid="project-view"][data-status="in_progress"]');
  assert.deepEqual(await view.locator('[data-testid="project-actions"] button').evaluateAll((bs) => bs.map((b) => b.getAttribute('data-testid'))), ['project-complete', 'project-cancel']);
  await view.locator('[data-testid="project-complete"]').click();
  const dialog = page.locator('dialog[open]');
  assert.match(await dialog.innerText(), new RegExp(`${impact.spans.count} 段架空线缆将登记为已入地`));
  await dialog.locator('[data-testid="transition-confirm"]').click();
  await page.waitForSelector('[data-testid="project-view"][data-status="completed"]');
  assert.equal(await view.locator('[data-testid="project-actions"]').count(), 0, 'a completed project has no moves left');
  const timeline = await view.locator('[data-testid="project-timeline"]').innerText();
  for (const word of ['批准', '开工', '完工']) assert.match(timeline, new RegExp(word));
  assert.match(await view.locator('[data-testid="project-status"]').innerText(), /已完成/);
});

test('after completion the spans are buried (API and map) and the freed poles are removal candidates', async () => {
  const lngs = street.map(([lng]) => lng);
  const lats = street.map(([, lat]) => lat);
  const bbox = [Math.min(...lngs) - 0.001, Math.min(...lats) - 0.001, Math.max(...lngs) + 0.001, Math.max(...lats) + 0.001].join(',');
  const res = await page.request.get(`/api/spans?bbox=${bbox}&status=overhead,buried&limit=5000`);
  const after = ((await res.json()) as SpanPage).features;
  for (const id of spanIds) {
    const span = after.find((f) => f.properties.id === id);
    assert.equal(span?.properties.status, 'buried', `span ${id} is buried`);
  }
  await page.waitForFunction((ids) => ids.every((id) => window.polewatch!.planning!.layers().buried.includes(id)), spanIds);
  const project = await page.evaluate(() => window.polewatch!.planning!.project());
  assert.equal(project?.status, 'completed');
  assert.deepEqual([...project!.impact.spans.ids].sort((a, b) => a - b), [...spanIds].sort((a, b) => a - b), 'the impact as applied is the one previewed');
  // The freed poles are flagged on the server, and the removal-candidates layer draws them.
  assert.ok(freedIds.length > 0, 'the route frees poles');
  const flagged = await page.request.get(`/api/poles?bbox=${bbox}&removal_candidate=true`);
  const flaggedIds = ((await flagged.json()) as { features: Array<{ properties: { id: number } }> }).features.map((f) => f.properties.id);
  for (const id of freedIds) assert.ok(flaggedIds.includes(id), `pole ${id} is a removal candidate`);
  await page.waitForFunction((ids) => ids.every((id) => window.polewatch!.planning!.removalCandidates().includes(id)), freedIds);
  assert.deepEqual(await page.evaluate(() => window.polewatch!.planning!.candidates()), [], 'no preview left for a completed project');
  await idle(page);
  await page.screenshot({ path: `${SHOTS}/burial-completed.png` });
});

test('officer: a freed pole shows as a removal candidate in its panel and is taken off the list when it must stay', async () => {
  const ctx = await session!.browser.newContext({ viewport: { width: 1400, height: 900 }, baseURL: session!.server.url });
  const officer = await ctx.newPage();
  try {
    await officer.goto('/');
    await officer.evaluate(() => window.polewatch!.ready);
    await signInOk(officer, 'officer');
    const id = freedIds[0]!;
    await officer.evaluate((poleId) => window.polewatch!.openPole(poleId), id);
    await officer.waitForSelector('#pole-panel[data-detail="ready"]');
    const chip = officer.locator('#pole-panel [data-testid="pole-candidate"]');
    assert.equal(await chip.innerText(), '拆除候选');
    assert.match((await chip.getAttribute('title')) ?? '', /缆线入地工程 #\d+ 于 \d{4}-\d{2}-\d{2} 完工后/);
    await officer.locator('#pole-panel [data-testid="candidate-lift"]').click();
    await officer.click('[data-testid="confirm-yes"]');
    await officer.waitForFunction(() => !document.querySelector('#pole-panel [data-testid="pole-candidate"]'));
    await officer.screenshot({ path: `${SHOTS}/burial-candidate-lifted.png` });
    const pole = (await (await officer.request.get(`/api/poles/${id}`)).json()) as { properties: { removal_candidate: boolean } };
    assert.equal(pole.properties.removal_candidate, false, 'the server took it off the list');
  } finally {
    await ctx.close();
  }
  freedIds = freedIds.slice(1);
});

test('dig once: road works are imported from GeoJSON (dry run first) and ranked; a click zooms to one', async () => {
  const [a, , , , , f] = street;
  const line = (offset: number): LngLat[] => [
    [a![0] + offset, a![1] + offset],
    [f![0] + offset, f![1] + offset],
  ];
  const bad = {
    type: 'FeatureCollection',
    features: [
      { type: 'Feature', properties: { name: '测试路改造（e2e）', planned_start: '2027-02-01', planned_end: '2027-06-30' }, geometry: { type: 'LineString', coordinates: line(0) } },
      { type: 'Feature', properties: { name: '坏日期', planned_start: '2027-02-30', planned_end: '2027-06-30' }, geometry: { type: 'LineString', coordinates: line(0.0005) } },
    ],
  };
  const good = { ...bad, features: [bad.features[0]] };
  writeFileSync(join(files, 'bad.geojson'), JSON.stringify(bad));
  writeFileSync(join(files, 'good.geojson'), JSON.stringify(good));

  await page.click('[data-testid="plan-tab-works"]');
  // Drawn by hand first: a line of two points along the street, a name and the planned days.
  await page.click('[data-testid="works-draw-line"]');
  for (const at of [street[1]!, street[4]!]) {
    const { x, y } = await pointOf(page, at);
    await page.mouse.click(x, y);
  }
  await page.click('[data-testid="draw-finish"]');
  await page.locator('[data-testid="works-name"]').fill('手绘道路改造（e2e）');
  await page.click('[data-testid="works-submit"]');
  await page.waitForFunction(() => /已保存道路改造「手绘道路改造（e2e）」/.test(document.querySelector('[data-testid="works-tab"]')?.textContent ?? ''));

  await page.setInputFiles('[data-testid="works-file"]', join(files, 'bad.geojson'));
  await page.click('[data-testid="works-check"]');
  await page.waitForSelector('[data-testid="works-preview"][data-ok="false"]');
  const problems = await page.locator('[data-testid="works-preview"]').innerText();
  assert.match(problems, /第 2 条「坏日期」/, `the bad feature is named: ${problems}`);
  assert.equal(await page.locator('[data-testid="works-commit"]').count(), 0, 'a file with problems cannot be imported');

  await page.click('[data-testid="works-again"]');
  await page.setInputFiles('[data-testid="works-file"]', join(files, 'good.geojson'));
  await page.click('[data-testid="works-check"]');
  await page.waitForSelector('[data-testid="works-preview"][data-ok="true"]');
  await page.click('[data-testid="works-commit"]');
  await page.waitForSelector('[data-testid="works-imported"]');
  assert.match(await page.locator('[data-testid="works-imported"]').innerText(), /已导入 1 条道路改造/);

  await page.click('[data-testid="plan-tab-dig"]');
  await page.waitForSelector('[data-testid="ranking-list"]');
  const names = await page.locator('[data-testid="ranking-list"] li strong').allInnerTexts();
  assert.ok(names.includes('测试路改造（e2e）'), `ranked: ${names.join(', ')}`);
  // Its cable was just buried: it ranks on what is still overhead, and the fixtures' works show too.
  assert.ok(names.length > 1, 'the fixture road works are ranked as well');
  const first = page.locator('[data-testid="ranking-list"] li').first();
  const id = Number(await first.getAttribute('data-works-id'));
  await first.locator('[data-testid="ranking-zoom"]').click();
  await idle(page);
  await page.waitForFunction((wid) => window.polewatch!.planning!.layers().roadWorks.includes(wid), id);
  await page.screenshot({ path: `${SHOTS}/burial-digonce.png` });
});

test('planner: cancels a project only with a reason, and it has no moves left', async () => {
  // The tab still shows the project completed above; back to the list of all of them.
  await page.click('[data-testid="plan-tab-projects"]');
  await page.click('[data-testid="project-back"]');
  await page.selectOption('[data-testid="projects-status"]', 'approved');
  const item = page.locator('[data-testid="projects-list"] li').first();
  await item.waitFor();
  await item.locator('[data-testid="project-open"]').click();
  await page.waitForSelector('[data-testid="project-view"][data-status="approved"]');
  await page.click('[data-testid="project-cancel"]');
  const dialog = page.locator('dialog[open]');
  await dialog.locator('[data-testid="reason-confirm"]').click();
  assert.match(await dialog.innerText(), /请填写取消理由/);
  await dialog.locator('textarea[name="reason"]').fill('与道路改造工期冲突，推迟到明年');
  await dialog.locator('[data-testid="reason-confirm"]').click();
  await page.waitForSelector('[data-testid="project-view"][data-status="cancelled"]');
  assert.equal(await page.locator('[data-testid="project-actions"]').count(), 0);
  assert.match(await page.locator('[data-testid="project-timeline"]').innerText(), /与道路改造工期冲突，推迟到明年/);
});

test('the English switch re-words the planning panel', async () => {
  await page.getByRole('button', { name: /English/ }).click();
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  assert.match(await page.locator('#plan-panel').innerText(), /Dig once/);
  assert.match(await page.locator('[data-testid="plan-legend"]').innerText(), /Overhead cable \(by firm\)/);
});

test('on a phone the panel covers the map and steps aside for it', async () => {
  const phone = await session!.context.newPage();
  await phone.setViewportSize({ width: 360, height: 740 });
  await phone.goto('/planning.html');
  await phone.evaluate(() => window.polewatch!.ready);
  await phone.waitForSelector('[data-testid="route-tab"]');
  const fits = await phone.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth && document.getElementById('plan-panel')!.scrollWidth <= window.innerWidth);
  assert.ok(fits, 'nothing sticks out sideways at 360 px');
  await phone.screenshot({ path: `${SHOTS}/burial-phone-panel.png` });
  await phone.click('#plan-toggle');
  assert.equal(await phone.locator('#plan-panel').isHidden(), true);
  assert.equal(await phone.getAttribute('#plan-toggle', 'aria-expanded'), 'false');
  await phone.screenshot({ path: `${SHOTS}/burial-phone-map.png` });
  await phone.close();
});
