import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { login, startTestApp, type Session, type TestContext } from './support/test.app.ts';
import { TINY_PNG, multipartFile } from './support/multipart.ts';

/** The clock the app sees; tests move it forward to let notice periods pass. */
let clock = new Date('2026-11-29T02:00:00Z');
let t: TestContext;
let officer: Session;
let unicom: Session;
let telecom: Session;
let mobile: Session;
let admin: Session;
let broadcast: Session;
const broadcastSession = () => broadcast;

before(async () => {
  t = await startTestApp({ LOGIN_RATE_PER_MINUTE: '1000', BULK_CLAIM_CAP: '5' }, undefined, () => clock);
  [officer, unicom, telecom, mobile, admin, broadcast] = await Promise.all(['officer', 'unicom', 'telecom', 'mobile', 'admin', 'broadcast'].map((u) => login(t.app, u)));
});
after(() => t.close());

const one = async <T extends object>(sql: string, params: unknown[] = []) => (await t.db.query<T>(sql, params)).rows[0]!;
const pole = (id: number) => one<{ ownership_status: string; owner: string | null; version: number }>(
  'SELECT p.ownership_status, o.code AS owner, p.version FROM poles p LEFT JOIN organisations o ON o.id = p.owner_org_id WHERE p.id = $1', [id]);
/** A fresh orphan pole: unknown owner, no claims, no notices, no active cables. */
async function orphan(): Promise<number> {
  return (await one<{ id: number }>(
    `SELECT p.id FROM poles p WHERE p.ownership_status = 'unknown' AND p.status = 'in_service'
       AND NOT EXISTS (SELECT 1 FROM claims c WHERE c.pole_id = p.id)
       AND NOT EXISTS (SELECT 1 FROM ownership_notices n WHERE n.pole_id = p.id)
       AND NOT EXISTS (SELECT 1 FROM attachments a WHERE a.pole_id = p.id AND a.status = 'active')
     ORDER BY p.id LIMIT 1`)).id;
}
const post = (s: Session, url: string, payload: unknown) => t.app.inject({ method: 'POST', url, headers: s.headers, payload: payload as object });
const claim = async (s: Session, poleId: number, kind = 'claim') => post(s, '/api/claims', { pole_id: poleId, kind, evidence_text: '杆身喷有本单位标识' });
const decide = (id: number, decision: 'accept' | 'reject', reason = '现场核实') => post(officer, `/api/claims/${id}/decision`, { decision, reason });
const historyActions = async (id: number) => (await t.app.inject({ method: 'GET', url: `/api/poles/${id}/history` })).json().items.map((h: { action: string }) => h.action);

test('claim → accept: the owner is confirmed, with history and audit for each step', async () => {
  const id = await orphan();
  const c = await claim(unicom, id);
  assert.equal(c.statusCode, 201, c.body);
  assert.equal((await pole(id)).ownership_status, 'claimed');
  const d = await decide(c.json().id, 'accept', '标牌与台账一致');
  assert.equal(d.statusCode, 200, d.body);
  assert.equal(d.json().status, 'accepted');
  assert.deepEqual({ ...(await pole(id)), version: 0 }, { ownership_status: 'confirmed', owner: 'unicom', version: 0 });
  assert.deepEqual((await historyActions(id)).slice(0, 2), ['claim_accepted', 'claim']);
  const audit = (await t.app.inject({ method: 'GET', url: `/api/audit?entity_type=claim&entity_id=${c.json().id}`, headers: admin.headers })).json().items;
  assert.deepEqual(audit.map((a: { action: string }) => a.action), ['claim.accept', 'claim.create']);
  const again = await decide(c.json().id, 'reject');
  assert.equal(again.statusCode, 409);
  assert.equal(again.json().error.code, 'claim_not_open');
});

test('two claims → disputed → one accepted, the rival rejected with a reason', async () => {
  const id = await orphan();
  const a = (await claim(unicom, id)).json();
  const b = (await claim(telecom, id)).json();
  assert.equal((await pole(id)).ownership_status, 'disputed');
  const dup = await claim(telecom, id);
  assert.equal(dup.statusCode, 409);
  assert.equal(dup.json().error.code, 'claim_exists');
  assert.equal((await decide(b.id, 'accept', '电信提供了建设档案')).statusCode, 200);
  const rival = (await t.app.inject({ method: 'GET', url: `/api/claims/${a.id}`, headers: officer.headers })).json();
  assert.equal(rival.status, 'rejected');
  assert.match(rival.decision_reason, /accepted/);
  assert.equal((await pole(id)).owner, 'telecom');
  assert.equal((await pole(id)).ownership_status, 'confirmed');
});

test('reject and withdraw take a pole back to unknown; a claim against an owner disputes it', async () => {
  const id = await orphan();
  const a = (await claim(mobile, id)).json();
  assert.equal((await decide(a.id, 'reject', '照片无法辨认')).statusCode, 200);
  assert.equal((await pole(id)).ownership_status, 'unknown');
  const b = (await claim(mobile, id)).json();
  assert.equal((await post(mobile, `/api/claims/${b.id}/withdraw`, {})).statusCode, 200);
  assert.equal((await pole(id)).ownership_status, 'unknown');
  const owned = (await one<{ id: number }>("SELECT p.id FROM poles p JOIN organisations o ON o.id = p.owner_org_id WHERE o.code = 'mobile' AND p.ownership_status = 'confirmed' ORDER BY p.id LIMIT 1")).id;
  const contest = (await claim(unicom, owned)).json();
  assert.equal((await pole(owned)).ownership_status, 'disputed');
  await decide(contest.id, 'reject', '移动有产权证明');
  assert.deepEqual({ s: (await pole(owned)).ownership_status, o: (await pole(owned)).owner }, { s: 'confirmed', o: 'mobile' });
});

test('disclaim: the owner gives a pole up, an officer accepts, it becomes unknown', async () => {
  const owned = (await one<{ id: number }>("SELECT p.id FROM poles p JOIN organisations o ON o.id = p.owner_org_id WHERE o.code = 'telecom' AND p.ownership_status = 'confirmed' ORDER BY p.id DESC LIMIT 1")).id;
  const notMine = await claim(unicom, owned, 'disclaim');
  assert.equal(notMine.statusCode, 409, 'only the owner disclaims');
  const d = (await claim(telecom, owned, 'disclaim')).json();
  assert.equal((await pole(owned)).ownership_status, 'confirmed', 'a disclaim waits for the officer');
  assert.equal((await decide(d.id, 'accept', '电信已撤出该杆')).statusCode, 200);
  assert.deepEqual({ s: (await pole(owned)).ownership_status, o: (await pole(owned)).owner }, { s: 'unknown', o: null });
  assert.ok((await historyActions(owned)).includes('disclaim'));
});

test('public notice lapses into presumed_abandoned when its period passes; the job is idempotent', async () => {
  const quiet = await orphan();
  const claimedLater = (await one<{ id: number }>(`SELECT p.id FROM poles p WHERE p.ownership_status = 'unknown' AND p.status = 'in_service' AND p.id <> $1
     AND NOT EXISTS (SELECT 1 FROM claims c WHERE c.pole_id = p.id) AND NOT EXISTS (SELECT 1 FROM ownership_notices n WHERE n.pole_id = p.id) ORDER BY p.id DESC LIMIT 1`, [quiet])).id;
  const owned = (await one<{ id: number }>("SELECT id FROM poles WHERE ownership_status = 'confirmed' ORDER BY id LIMIT 1")).id;
  const n = await post(officer, '/api/notices', { pole_ids: [quiet, claimedLater, owned] });
  assert.equal(n.statusCode, 201, n.body);
  assert.equal(n.json().created, 2);
  assert.equal(n.json().skipped, 1, 'a pole with a known owner gets no notice');
  assert.equal(new Date(n.json().notices[0].ends_at).getTime() - clock.getTime(), 30 * 86400_000);
  await claim(mobile, claimedLater);

  const run = () => post(admin, '/api/jobs/notices/run', {});
  clock = new Date(clock.getTime() + 29 * 86400_000);
  assert.equal((await run()).json().lapsed, 0, 'day 29: still inside the period');
  assert.equal((await pole(quiet)).ownership_status, 'unknown');
  clock = new Date(clock.getTime() + 2 * 86400_000);
  const before = await pole(quiet);
  assert.equal((await run()).json().lapsed, 1);
  assert.equal((await pole(quiet)).ownership_status, 'presumed_abandoned');
  assert.equal((await pole(claimedLater)).ownership_status, 'claimed', 'a claim during the notice stops it');
  const snapshot = await one('SELECT (SELECT count(*) FROM pole_history)::int AS h, (SELECT count(*) FROM audit_log)::int AS a');
  assert.equal((await run()).json().lapsed, 0, 'the second run changes nothing');
  assert.deepEqual(await one('SELECT (SELECT count(*) FROM pole_history)::int AS h, (SELECT count(*) FROM audit_log)::int AS a'), snapshot);
  assert.equal((await pole(quiet)).version, before.version + 1);
  assert.ok((await historyActions(quiet)).includes('notice_lapsed'));
});

test('responsibility: owner; else the firms on the pole (last one out pulls it); else the city', async () => {
  const resp = async (id: number) => (await t.app.inject({ method: 'GET', url: `/api/poles/${id}/responsibility` })).json();
  const codes = (orgs: { code: string }[]) => orgs.map((o) => o.code);
  // 1. A confirmed owner answers for its pole and pulls it last, after the others move off.
  const shared = (await one<{ id: number; owner: string }>(`SELECT p.id, o.code AS owner FROM poles p JOIN organisations o ON o.id = p.owner_org_id
     WHERE p.ownership_status = 'confirmed' AND (SELECT count(DISTINCT a.org_id) FROM attachments a WHERE a.pole_id = p.id AND a.status = 'active' AND a.org_id <> p.owner_org_id) >= 1
     ORDER BY p.id LIMIT 1`));
  const r1 = await resp(shared.id);
  assert.equal(r1.party, 'owner');
  assert.deepEqual(codes(r1.orgs), [shared.owner]);
  assert.equal(r1.removal.lastOut.code, shared.owner);
  assert.ok(r1.removal.mustMoveOff.length >= 1 && !codes(r1.removal.mustMoveOff).includes(shared.owner));
  // 2. No owner, several firms on it: all must move off; who pulls is not settled yet.
  const multi = (await one<{ id: number }>(`SELECT p.id FROM poles p WHERE p.owner_org_id IS NULL AND p.ownership_status IN ('unknown', 'claimed', 'disputed')
     AND (SELECT count(DISTINCT a.org_id) FROM attachments a WHERE a.pole_id = p.id AND a.status = 'active') >= 2 ORDER BY p.id LIMIT 1`)).id;
  const r2 = await resp(multi);
  assert.equal(r2.party, 'attached_firms');
  assert.ok(r2.orgs.length >= 2);
  assert.equal(r2.removal.lastOut, null);
  // 3. No owner, one firm left: it is the last one out and pulls the pole.
  const single = (await one<{ id: number; org: string }>(`SELECT p.id, min(o.code) AS org FROM poles p JOIN attachments a ON a.pole_id = p.id AND a.status = 'active'
     JOIN organisations o ON o.id = a.org_id WHERE p.owner_org_id IS NULL GROUP BY p.id HAVING count(DISTINCT a.org_id) = 1 ORDER BY p.id LIMIT 1`));
  const r3 = await resp(single.id);
  assert.equal(r3.party, 'attached_firms');
  assert.equal(r3.removal.lastOut.code, single.org);
  // 4. No owner and no active cables: the city removes it.
  const bare = (await one<{ id: number }>(`SELECT p.id FROM poles p WHERE p.ownership_status = 'presumed_abandoned'
     AND NOT EXISTS (SELECT 1 FROM attachments a WHERE a.pole_id = p.id AND a.status = 'active') ORDER BY p.id LIMIT 1`)).id;
  const r4 = await resp(bare);
  assert.equal(r4.party, 'city');
  assert.equal(r4.removal.cityRemoves, true);
});

test('double poles: a pair at 2.9 m is found, a pair at 3.1 m is not; the older one is the candidate', async () => {
  await t.db.query(`
    WITH base AS (SELECT ST_SetSRID(ST_MakePoint(115.9522, 36.4071), 4326)::geography AS g)
    INSERT INTO poles (code, geom, install_year, condition, location_kind)
    SELECT v.code, ST_Project(base.g, v.d, radians(90))::geometry, v.y, v.c, 'street' FROM base, (VALUES
      ('DBL-A-OLD', 0.0, 1992, 'leaning'), ('DBL-A-NEW', 2.9, 2021, 'good'),
      ('DBL-B-OLD', 60.0, 1990, 'damaged'), ('DBL-B-NEW', 63.1, 2022, 'good')) AS v(code, d, y, c)`);
  const res = await t.app.inject({ method: 'GET', url: '/api/poles/doubles?bbox=115.951,36.406,115.954,36.408', headers: officer.headers });
  assert.equal(res.statusCode, 200, res.body);
  const pairs = res.json().items as { keep: { code: string }; remove: { code: string }; distance_m: number }[];
  assert.deepEqual(pairs.map((p) => [p.keep.code, p.remove.code]), [['DBL-A-NEW', 'DBL-A-OLD']]);
  assert.ok(Math.abs(pairs[0]!.distance_m - 2.9) < 0.01, String(pairs[0]!.distance_m));
  assert.equal((await t.app.inject({ method: 'GET', url: '/api/poles/doubles', headers: telecom.headers })).statusCode, 403);
});

test('a carrier cannot claim for another firm, decide a claim, or see another firm’s evidence', async () => {
  const id = await orphan();
  const forOther = await post(telecom, '/api/claims', { pole_id: id, kind: 'claim', evidence_text: 'x', org: 'unicom' });
  assert.equal(forOther.statusCode, 422);
  const c = (await claim(unicom, id)).json();
  assert.equal((await post(telecom, `/api/claims/${c.id}/decision`, { decision: 'accept', reason: '我说了算' })).statusCode, 403);
  const mp = multipartFile(TINY_PNG);
  const up = await t.app.inject({ method: 'POST', url: `/api/claims/${c.id}/photos`, headers: { ...unicom.headers, ...mp.headers }, payload: mp.payload });
  assert.equal(up.statusCode, 201, up.body);
  assert.equal((await t.app.inject({ method: 'GET', url: `/api/claims/${c.id}`, headers: telecom.headers })).statusCode, 404);
  assert.equal((await t.app.inject({ method: 'GET', url: up.json().url, headers: telecom.headers })).statusCode, 404);
  const mine = await t.app.inject({ method: 'GET', url: up.json().url, headers: unicom.headers });
  assert.equal(mine.statusCode, 200);
  assert.deepEqual(mine.rawPayload, TINY_PNG);
  assert.equal((await t.app.inject({ method: 'GET', url: up.json().url, headers: officer.headers })).statusCode, 200);
  const listed = (await t.app.inject({ method: 'GET', url: '/api/claims?status=open', headers: telecom.headers })).json().items as { org_code: string }[];
  assert.ok(listed.every((x) => x.org_code === 'telecom'));
  assert.equal((await t.app.inject({ method: 'GET', url: '/api/claims', headers: (await login(t.app, 'viewer')).headers })).statusCode, 403);
});

test('evidence photos: stored byte for byte under their SHA-256; non-images refused', async () => {
  const c = (await claim(mobile, await orphan())).json();
  const send = (bytes: Buffer, name: string, type: string) => {
    const mp = multipartFile(bytes, name, type);
    return t.app.inject({ method: 'POST', url: `/api/claims/${c.id}/photos`, headers: { ...mobile.headers, ...mp.headers }, payload: mp.payload });
  };
  const ok = await send(TINY_PNG, '../../etc/passwd.png', 'image/png');
  assert.equal(ok.statusCode, 201, ok.body);
  const sha = createHash('sha256').update(TINY_PNG).digest('hex');
  assert.equal(ok.json().sha256, sha);
  const row = await one<{ storage_key: string }>('SELECT storage_key FROM claim_photos WHERE id = $1', [ok.json().id]);
  assert.equal(row.storage_key, `${sha.slice(0, 2)}/${sha}.png`, 'the server names the file, never the client');
  assert.deepEqual(readFileSync(join(t.config.photos.dir, row.storage_key)), TINY_PNG);

  const svg = await send(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'), 'x.svg', 'image/svg+xml');
  assert.equal(svg.statusCode, 415);
  const fake = await send(Buffer.from('this is not a jpeg at all'), 'photo.jpg', 'image/jpeg');
  assert.equal(fake.statusCode, 415);
  // A PNG header that claims 100,000 × 100,000 pixels: refused from the header, never decoded.
  const bomb = Buffer.from(TINY_PNG);
  bomb.writeUInt32BE(100000, 16);
  bomb.writeUInt32BE(100000, 20);
  const huge = await send(bomb, 'bomb.png', 'image/png');
  assert.equal(huge.statusCode, 422);
  assert.equal(huge.json().error.code, 'image_too_large');
  const none = await t.app.inject({ method: 'POST', url: `/api/claims/${c.id}/photos`, headers: mobile.headers, payload: { file: 'x' } });
  assert.equal(none.statusCode, 400);
});

test('bulk claim by polygon: capped, and every claim still waits for an officer', async () => {
  const square = (x: number, y: number, d: number) => ({ type: 'Polygon', coordinates: [[[x, y], [x + d, y], [x + d, y + d], [x, y + d], [x, y]]] });
  const wide = await post(broadcastSession(), '/api/claims/bulk', { area: square(115.95, 36.42, 0.08), evidence_text: '片区普查' });
  assert.equal(wide.statusCode, 422);
  assert.equal(wide.json().error.code, 'bulk_cap_exceeded');
  assert.equal(wide.json().error.details.cap, 5);
  assert.ok(wide.json().error.details.found > 5, 'the message says how many were found');
  const target = await one<{ x: number; y: number }>(`SELECT ST_X(geom) AS x, ST_Y(geom) AS y FROM poles WHERE id = $1`, [await orphan()]);
  const small = await post(broadcastSession(), '/api/claims/bulk', { area: square(target.x - 0.00005, target.y - 0.00005, 0.0001), evidence_text: '片区普查' });
  assert.equal(small.statusCode, 201, small.body);
  assert.ok(small.json().created >= 1 && small.json().created <= 5);
  assert.ok(small.json().claims.every((c: { status: string }) => c.status === 'open'));
  const bowtie = await post(broadcastSession(), '/api/claims/bulk', { area: { type: 'Polygon', coordinates: [[[115.98, 36.45], [115.99, 36.46], [115.99, 36.45], [115.98, 36.46], [115.98, 36.45]]] }, evidence_text: 'x' });
  assert.equal(bowtie.statusCode, 422);
});

test('the ownership state machine is enforced by the database too', async () => {
  const id = await orphan();
  await assert.rejects(t.db.query("UPDATE poles SET ownership_status = 'disputed' WHERE id = $1", [id]), /ownership cannot go from unknown to disputed/);
});

test('attachments: carriers declare their own, officers record any firm; both leave history', async () => {
  const id = await orphan();
  const own = await post(telecom, `/api/poles/${id}/attachments`, { kind: 'fibre', cable_count: 2, status: 'active' });
  assert.equal(own.statusCode, 201, own.body);
  assert.equal(own.json().source, 'carrier');
  const other = await post(telecom, `/api/poles/${id}/attachments`, { org: 'unicom', kind: 'fibre', cable_count: 1, status: 'active' });
  assert.equal(other.statusCode, 403);
  const seen = await post(officer, `/api/poles/${id}/attachments`, { org: 'unicom', kind: 'copper', cable_count: 1, status: 'abandoned' });
  assert.equal(seen.statusCode, 201);
  assert.equal(seen.json().source, 'officer');
  const update = await post(telecom, `/api/poles/${id}/attachments`, { kind: 'fibre', cable_count: 3, status: 'active' });
  assert.equal(update.statusCode, 200);
  const list = (await t.app.inject({ method: 'GET', url: `/api/poles/${id}/attachments` })).json().items;
  const declared = list.filter((a: { source: string }) => a.source !== 'fixtures');
  assert.deepEqual(declared.map((a: { org_code: string; kind: string; cable_count: number }) => `${a.org_code}:${a.kind}:${a.cable_count}`).sort(), ['telecom:fibre:3', 'unicom:copper:1']);
  const resp = (await t.app.inject({ method: 'GET', url: `/api/poles/${id}/responsibility` })).json();
  assert.equal(resp.party, 'attached_firms');
  assert.equal(resp.removal.lastOut.code, 'telecom', 'only telecom is still active on it');
});

test('fixture attachments: shared poles of 2–4 firms and poles with only abandoned cables', async () => {
  const r = await one<{ shared: number; four: number; dead: number }>(`
    WITH per AS (SELECT pole_id, count(DISTINCT org_id) FILTER (WHERE status = 'active') AS active, bool_and(status = 'abandoned') AS all_dead
                 FROM attachments WHERE source = 'fixtures' GROUP BY pole_id)
    SELECT count(*) FILTER (WHERE active BETWEEN 2 AND 4)::int AS shared, count(*) FILTER (WHERE active = 4)::int AS four,
           count(*) FILTER (WHERE all_dead)::int AS dead FROM per`);
  assert.ok(r.shared > 500, `shared ${r.shared}`);
  assert.ok(r.four > 0, `four firms ${r.four}`);
  assert.ok(r.dead > 50, `only abandoned ${r.dead}`);
});

test('the carrier portal lists owned, attached and nearby orphan poles of the caller’s firm only', async () => {
  const get = async (scope: string) => (await t.app.inject({ method: 'GET', url: `/api/portal/poles?scope=${scope}&limit=5000`, headers: unicom.headers })).json();
  const owned = await get('owned');
  assert.ok(owned.features.length > 100 && owned.features.every((f: { properties: { owner_code: string } }) => f.properties.owner_code === 'unicom'));
  const near = await get('orphans_near');
  assert.ok(near.features.length > 0 && near.features.every((f: { properties: { owner_code: string | null } }) => f.properties.owner_code === null));
  const attached = await get('attached');
  const ids = attached.features.slice(0, 20).map((f: { id: number }) => f.id);
  const r = await one<{ n: number }>(`SELECT count(*)::int AS n FROM attachments a JOIN organisations o ON o.id = a.org_id WHERE a.pole_id = ANY($1::int[]) AND o.code = 'unicom' AND a.status = 'active'`, [ids]);
  assert.ok(r.n >= ids.length);
});

test('spans: a bbox returns overhead and buried cables by firm, paged; bad filters are refused', async () => {
  const res = await t.app.inject({ method: 'GET', url: '/api/spans?bbox=115.97,36.44,116.0,36.47&limit=5000' });
  assert.equal(res.statusCode, 200);
  const body = res.json() as { features: { properties: { status: string; org_code: string; length_m: number } }[]; next: string | null };
  assert.ok(body.features.length > 100);
  assert.ok(body.features.every((f) => f.properties.status !== 'removed' && f.properties.length_m > 0));
  const buried = (await t.app.inject({ method: 'GET', url: '/api/spans?status=buried&limit=5000' })).json().features as { properties: { length_m: number } }[];
  const km = buried.reduce((s, f) => s + f.properties.length_m, 0) / 1000;
  assert.ok(km > 3.9 && km < 4.3, `${km} km buried`);
  const paged = (await t.app.inject({ method: 'GET', url: '/api/spans?limit=10' })).json();
  assert.equal(paged.features.length, 10);
  const next = (await t.app.inject({ method: 'GET', url: `/api/spans?limit=10&cursor=${paged.next}` })).json();
  assert.ok(next.features[0].id > paged.features[9].id);
  assert.equal((await t.app.inject({ method: 'GET', url: '/api/spans?status=hanging' })).statusCode, 400);
  assert.equal((await t.app.inject({ method: 'GET', url: '/api/spans?bbox=1,2,3' })).statusCode, 400);
});

test('every fixture pole that is claimed or disputed has the open claims that explain it', async () => {
  const bad = await t.db.query<{ id: number; ownership_status: string; open: number }>(`
    SELECT p.id, p.ownership_status, (SELECT count(*) FROM claims c WHERE c.pole_id = p.id AND c.status = 'open' AND c.kind = 'claim')::int AS open
    FROM poles p WHERE p.ownership_status IN ('claimed', 'disputed')`);
  for (const r of bad.rows) {
    const owner = (await pole(r.id)).owner;
    const expected = r.ownership_status === 'claimed' ? 1 : owner ? 1 : 2;
    assert.ok(r.open >= expected, `pole ${r.id} is ${r.ownership_status} with ${r.open} open claims`);
  }
});
