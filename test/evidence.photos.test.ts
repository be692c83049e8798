import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { login, startTestApp, type Session, type TestContext } from './support/test.app.ts';
import { multipartForm } from './support/multipart.ts';
import { jpegWithExif, moved, type ExifSpec } from './support/exif.jpeg.ts';
import { insertCase } from './support/case.rows.ts';

/** The server's clock for these tests: "in the future" and "before the case" are judged against it. */
const NOW = new Date('2026-11-20T04:00:00Z');
const CASE_CREATED = '2026-11-01T00:00:00Z';
/** 2026-11-19 10:00 in Liaocheng, written as a camera without a zone tag writes it. */
const YESTERDAY_LOCAL = '2026:11:19 10:00:00';

let t: TestContext;
let officer: Session;
let seed = 1;
interface Pole { id: number; lng: number; lat: number }
let poleA: Pole;
let poleB: Pole;
let caseId: number;

const one = async <T extends object>(sql: string, params: unknown[] = []) => (await t.db.query<T>(sql, params)).rows[0]!;

before(async () => {
  t = await startTestApp({}, undefined, () => NOW);
  officer = await login(t.app, 'officer');
  poleA = await one<Pole>(`SELECT p.id, ST_X(p.geom) AS lng, ST_Y(p.geom) AS lat FROM poles p JOIN organisations o ON o.id = p.owner_org_id WHERE o.code = 'unicom' ORDER BY p.id LIMIT 1`);
  // A second pole far enough away that "nearest" is never a coin toss.
  poleB = await one<Pole>(
    `SELECT p.id, ST_X(p.geom) AS lng, ST_Y(p.geom) AS lat FROM poles p, poles a
      WHERE a.id = $1 AND p.id <> a.id AND ST_Distance(p.geom::geography, a.geom::geography) BETWEEN 150 AND 2000 ORDER BY p.id LIMIT 1`, [poleA.id]);
  caseId = await insertCase(t.db, { state: 'investigating', org: 'unicom', poleIds: [poleA.id, poleB.id], createdAt: CASE_CREATED });
});
after(() => t.close());

function upload(bytes: Buffer, fields: Record<string, string> = {}, opts: { name?: string; type?: string; who?: Session; id?: number } = {}) {
  const mp = multipartForm(fields, bytes, opts.name ?? 'IMG_0001.jpg', opts.type ?? 'image/jpeg');
  return t.app.inject({ method: 'POST', url: `/api/cases/${opts.id ?? caseId}/photos`, headers: { ...(opts.who ?? officer).headers, ...mp.headers }, payload: mp.payload });
}
const photo = (spec: ExifSpec) => jpegWithExif({ seed: seed++, ...spec });
const near = (p: Pole, metres: number) => moved(p.lng, p.lat, 0, metres);

test('a photo taken 10 m from the pole, after the case was opened, is verified', async () => {
  const res = await upload(await photo({ ...near(poleA, 10), takenAt: YESTERDAY_LOCAL }), { pole_id: String(poleA.id), note: '杆体倾斜，拍摄于现场' });
  assert.equal(res.statusCode, 201, res.body);
  const p = res.json();
  assert.equal(p.verified, true);
  assert.deepEqual(p.flags, []);
  assert.equal(p.pole_id, poleA.id);
  assert.equal(p.purpose, 'evidence');
  assert.ok(p.distance_m > 8 && p.distance_m < 12, `distance ${p.distance_m}`);
  // No zone tag: the wall-clock time is read as Asia/Shanghai (UTC+8).
  assert.equal(p.taken_at, '2026-11-19T02:00:00.000Z');
  assert.ok(Math.abs(p.lat - near(poleA, 10).lat) < 1e-6 && Math.abs(p.lng - poleA.lng) < 1e-6);
  assert.equal(p.note, '杆体倾斜，拍摄于现场');
  assert.equal(p.mime, 'image/jpeg');
  assert.deepEqual([p.width, p.height], [64, 48]);
  assert.match(p.created_by, /^user:\d+:officer$/);
  assert.equal(p.url, `/api/cases/${caseId}/photos/${p.id}`);
  assert.equal(p.thumb_url, `${p.url}/thumb`);
});

test('300 m away → far_from_pole; the photo is kept, flagged, not verified', async () => {
  const res = await upload(await photo({ ...near(poleA, 300), takenAt: YESTERDAY_LOCAL }), { pole_id: String(poleA.id) });
  assert.equal(res.statusCode, 201, res.body);
  assert.deepEqual(res.json().flags, ['far_from_pole']);
  assert.equal(res.json().verified, false);
  assert.ok(res.json().distance_m > 290 && res.json().distance_m < 310);
});

test('without pole_id the nearest case pole is chosen; a pole of another case is refused', async () => {
  const res = await upload(await photo({ ...near(poleB, 5), takenAt: YESTERDAY_LOCAL }));
  assert.equal(res.statusCode, 201, res.body);
  assert.equal(res.json().pole_id, poleB.id);
  assert.ok(res.json().distance_m < 7);
  // Naming a pole measures against that pole, however near another one is.
  const named = await upload(await photo({ ...near(poleB, 5), takenAt: YESTERDAY_LOCAL }), { pole_id: String(poleA.id) });
  assert.equal(named.json().pole_id, poleA.id);
  assert.deepEqual(named.json().flags, ['far_from_pole']);
  const stranger = await one<{ id: number }>('SELECT min(id) AS id FROM poles WHERE id <> ALL($1::int[])', [[poleA.id, poleB.id]]);
  const refused = await upload(await photo({ ...near(poleA, 5), takenAt: YESTERDAY_LOCAL }), { pole_id: String(stranger.id) });
  assert.equal(refused.statusCode, 422);
  assert.equal(refused.json().error.code, 'pole_not_in_case');
});

test('no GPS → no_gps, measured against the first case pole with no distance; no time → no_time', async () => {
  const noGps = await upload(await photo({ takenAt: YESTERDAY_LOCAL }));
  assert.equal(noGps.statusCode, 201, noGps.body);
  assert.deepEqual(noGps.json().flags, ['no_gps']);
  assert.equal(noGps.json().pole_id, Math.min(poleA.id, poleB.id));
  assert.equal(noGps.json().distance_m, null);
  assert.equal(noGps.json().lng, null);
  const bare = await upload(await photo({}));
  assert.deepEqual(bare.json().flags, ['no_gps', 'no_time']);
  assert.equal(bare.json().taken_at, null);
  const noTime = await upload(await photo(near(poleA, 3)));
  assert.deepEqual(noTime.json().flags, ['no_time']);
});

test('capture time: in the future beyond 5 minutes, or before the case was opened, is flagged; the offset tag is honoured', async () => {
  // 12:04 in Shanghai is 04:04 UTC: four minutes ahead of the server clock, within tolerance.
  const ahead = await upload(await photo({ ...near(poleA, 5), takenAt: '2026:11:20 12:04:00' }));
  assert.deepEqual(ahead.json().flags, []);
  const future = await upload(await photo({ ...near(poleA, 5), takenAt: '2026:11:20 12:06:00' }));
  assert.deepEqual(future.json().flags, ['time_in_future']);
  // The same wall-clock time, but the camera says it was in UTC+00:00: 8 hours later still.
  const zoned = await upload(await photo({ ...near(poleA, 5), takenAt: '2026:11:20 03:00:00', offset: '+00:00' }));
  assert.equal(zoned.json().taken_at, '2026-11-20T03:00:00.000Z');
  assert.deepEqual(zoned.json().flags, []);
  const early = await upload(await photo({ ...near(poleA, 5), takenAt: '2026:10:31 07:59:00' }));
  assert.equal(early.json().taken_at, '2026-10-30T23:59:00.000Z');
  assert.deepEqual(early.json().flags, ['time_before_case']);
  const impossible = await upload(await photo({ ...near(poleA, 5), takenAt: '0000:00:00 00:00:00' }));
  assert.deepEqual(impossible.json().flags, ['no_time']);
});

test('southern and western GPS references are honoured, never dropped', async () => {
  const res = await upload(await photo({ lng: -58.38, lat: -34.6, takenAt: YESTERDAY_LOCAL }));
  assert.equal(res.statusCode, 201, res.body);
  assert.ok(Math.abs(res.json().lng + 58.38) < 1e-6 && Math.abs(res.json().lat + 34.6) < 1e-6);
  assert.deepEqual(res.json().flags, ['far_from_pole']);
});

test('the original is stored and served byte for byte under its SHA-256; the row and the audit entry commit together', async () => {
  const bytes = await photo({ ...near(poleA, 4), takenAt: YESTERDAY_LOCAL });
  const audits = (await one<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'case.photo' AND entity_id = $1`, [String(caseId)])).n;
  const res = await upload(bytes);
  const sha = createHash('sha256').update(bytes).digest('hex');
  assert.equal(res.json().sha256, sha);
  assert.equal(res.json().bytes, bytes.length);
  const row = await one<{ storage_key: string; thumb_key: string; exif: Record<string, unknown> }>('SELECT storage_key, thumb_key, exif FROM case_photos WHERE id = $1', [res.json().id]);
  assert.equal(row.storage_key, `${sha.slice(0, 2)}/${sha}.jpg`, 'the server names the file, never the client');
  const onDisk = readFileSync(join(t.config.photos.dir, row.storage_key));
  assert.equal(createHash('sha256').update(onDisk).digest('hex'), sha);
  assert.equal(row.exif.DateTimeOriginal, YESTERDAY_LOCAL);
  assert.equal(row.exif.assumed_offset, '+08:00');
  const got = await t.app.inject({ method: 'GET', url: res.json().url, headers: officer.headers });
  assert.equal(got.statusCode, 200);
  assert.equal(got.headers['content-type'], 'image/jpeg');
  assert.equal(got.headers['x-content-type-options'], 'nosniff');
  assert.deepEqual(got.rawPayload, bytes);
  const audit = await one<{ n: number; after: { photo_id: number; sha256: string } }>(
    `SELECT count(*) OVER ()::int AS n, after FROM audit_log WHERE action = 'case.photo' AND entity_id = $1 ORDER BY id DESC LIMIT 1`, [String(caseId)]);
  assert.equal(audit.n, audits + 1);
  assert.equal(audit.after.photo_id, res.json().id);
  assert.equal(audit.after.sha256, sha);
  // Recorded evidence is not edited or deleted, whoever tries.
  await assert.rejects(t.db.query(`UPDATE case_photos SET note = 'changed' WHERE id = $1`, [res.json().id]), /append-only/);
  await assert.rejects(t.db.query('DELETE FROM case_photos WHERE id = $1', [res.json().id]), /append-only/);
});

test('the thumbnail is a JPEG at most 320 px, turned upright, without the GPS of the original', async () => {
  const bytes = await photo({ width: 640, height: 480, orientation: 6, ...near(poleA, 4), takenAt: YESTERDAY_LOCAL });
  const res = await upload(bytes);
  assert.equal(res.statusCode, 201, res.body);
  assert.deepEqual([res.json().width, res.json().height], [640, 480], 'the stored image is described as stored');
  const th = await t.app.inject({ method: 'GET', url: res.json().thumb_url, headers: officer.headers });
  assert.equal(th.statusCode, 200);
  assert.equal(th.headers['content-type'], 'image/jpeg');
  const meta = await sharp(th.rawPayload).metadata();
  assert.equal(meta.format, 'jpeg');
  // Orientation 6: the camera was held upright, so the preview is portrait.
  assert.deepEqual([meta.width, meta.height], [240, 320]);
  assert.equal(meta.exif, undefined);
  const small = await upload(await photo({ takenAt: YESTERDAY_LOCAL }));
  const smallThumb = await sharp((await t.app.inject({ method: 'GET', url: small.json().thumb_url, headers: officer.headers })).rawPayload).metadata();
  assert.deepEqual([smallThumb.width, smallThumb.height], [64, 48], 'never enlarged');
});

test('listing: every photo of the case in upload order with its flags; an unknown photo or case is 404', async () => {
  const res = await t.app.inject({ method: 'GET', url: `/api/cases/${caseId}/photos`, headers: (await login(t.app, 'viewer')).headers });
  assert.equal(res.statusCode, 200);
  const items = res.json().items as { id: number; flags: string[]; verified: boolean; storage_key?: string }[];
  assert.ok(items.length >= 10);
  assert.deepEqual(items.map((i) => i.id), [...items.map((i) => i.id)].sort((a, b) => a - b));
  assert.ok(items.every((i) => i.verified === (i.flags.length === 0) && i.storage_key === undefined));
  assert.equal((await t.app.inject({ method: 'GET', url: `/api/cases/${caseId}/photos/999999`, headers: officer.headers })).statusCode, 404);
  assert.equal((await t.app.inject({ method: 'GET', url: `/api/cases/999999/photos`, headers: officer.headers })).statusCode, 404);
  const other = await insertCase(t.db, { state: 'opened', poleIds: [poleA.id] });
  assert.equal((await t.app.inject({ method: 'GET', url: `/api/cases/${other}/photos/${items[0]!.id}`, headers: officer.headers })).statusCode, 404, 'a photo is reached only through its own case');
});
