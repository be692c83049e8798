import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { login, startTestApp, type Session, type TestContext } from './support/test.app.ts';
import { TINY_PNG, multipartForm } from './support/multipart.ts';
import { jpegWithExif } from './support/exif.jpeg.ts';
import { insertCase } from './support/case.rows.ts';

/** Small enough that an oversize photo is cheap to build. */
const MAX_BYTES = 64 * 1024;

let t: TestContext;
let officer: Session;
let unicom: Session;
let telecom: Session;
let poleId: number;
let seed = 1000;
const one = async <T extends object>(sql: string, params: unknown[] = []) => (await t.db.query<T>(sql, params)).rows[0]!;

before(async () => {
  t = await startTestApp({ PHOTO_MAX_BYTES: String(MAX_BYTES), LOGIN_RATE_PER_MINUTE: '10000' });
  [officer, unicom, telecom] = await Promise.all(['officer', 'unicom', 'telecom'].map((u) => login(t.app, u)));
  poleId = (await one<{ id: number }>(`SELECT p.id FROM poles p JOIN organisations o ON o.id = p.owner_org_id WHERE o.code = 'unicom' ORDER BY p.id LIMIT 1`)).id;
});
after(() => t.close());

const newCase = (state: string, org = 'unicom') => insertCase(t.db, { state, org, poleIds: [poleId] });
function send(id: number, who: Session, bytes: Buffer, opts: { name?: string; type?: string; fields?: Record<string, string>; field?: string } = {}) {
  const mp = multipartForm(opts.fields ?? {}, bytes, opts.name ?? 'photo.jpg', opts.type ?? 'image/jpeg', opts.field);
  return t.app.inject({ method: 'POST', url: `/api/cases/${id}/photos`, headers: { ...who.headers, ...mp.headers }, payload: mp.payload });
}
const jpeg = () => jpegWithExif({ seed: seed++ });
const code = (res: { json(): { error: { code: string } } }) => res.json().error.code;
/** Everything a refused upload could have left behind: rows, audit entries, files. */
async function traces() {
  const files = (dir: string): number => readdirSync(dir, { withFileTypes: true }).reduce((n, e) => n + (e.isDirectory() ? files(join(dir, e.name)) : 1), 0);
  const r = await one<{ photos: number; audits: number }>(`SELECT (SELECT count(*)::int FROM case_photos) AS photos, (SELECT count(*)::int FROM audit_log WHERE action = 'case.photo') AS audits`);
  return { ...r, files: files(t.config.photos.dir) };
}

test('bad files are refused with a clear 4xx and leave nothing behind', async () => {
  const id = await newCase('opened');
  assert.equal((await send(id, officer, await jpeg())).statusCode, 201, 'the setup itself works');
  const before = await traces();

  const pngAsJpeg = await send(id, officer, TINY_PNG, { name: 'photo.jpg', type: 'image/jpeg' });
  assert.equal(pngAsJpeg.statusCode, 415);
  assert.equal(code(pngAsJpeg), 'type_mismatch');
  assert.match(pngAsJpeg.json().error.message, /PNG/);
  // Only the declared type lies here; the name is honest.
  assert.equal(code(await send(id, officer, TINY_PNG, { name: 'photo.png', type: 'image/jpeg' })), 'type_mismatch');
  // Only the name lies.
  assert.equal(code(await send(id, officer, TINY_PNG, { name: 'photo.jpeg', type: 'application/octet-stream' })), 'type_mismatch');

  const svg = await send(id, officer, Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="10" height="10"/></svg>'), { name: 'x.svg', type: 'image/svg+xml' });
  assert.equal(svg.statusCode, 415);
  assert.equal(code(svg), 'unsupported_media_type');
  assert.equal((await send(id, officer, Buffer.from('this is not a jpeg at all'))).statusCode, 415);

  const whole = await jpegWithExif({ width: 200, height: 150, seed: seed++ });
  const truncated = await send(id, officer, whole.subarray(0, Math.floor(whole.length * 0.6)));
  assert.equal(truncated.statusCode, 422);
  assert.equal(code(truncated), 'invalid_image');

  // A PNG header that claims 100,000 × 100,000 pixels: refused from the header, never decoded.
  const bomb = Buffer.from(TINY_PNG);
  bomb.writeUInt32BE(100000, 16);
  bomb.writeUInt32BE(100000, 20);
  const huge = await send(id, officer, bomb, { name: 'bomb.png', type: 'image/png' });
  assert.equal(huge.statusCode, 422);
  assert.equal(code(huge), 'image_too_large');

  const big = Buffer.concat([await jpeg(), Buffer.alloc(MAX_BYTES)]);
  const oversize = await send(id, officer, big);
  assert.equal(oversize.statusCode, 413);
  assert.equal(code(oversize), 'photo_too_large');
  assert.match(oversize.json().error.message, /larger than 64 KB/);

  assert.deepEqual(await traces(), before, 'no row, no audit entry, no file');
});

test('bad form fields: 400 for the form itself, 422 for values', async () => {
  const id = await newCase('opened');
  const before = await traces();
  const cases: [Record<string, string>, number, string][] = [
    [{ purpose: 'selfie' }, 422, 'invalid_purpose'],
    [{ pole_id: '-3' }, 422, 'invalid_pole_id'],
    [{ pole_id: '1 OR 1=1' }, 422, 'invalid_pole_id'],
    [{ note: '长'.repeat(2001) }, 422, 'note_too_long'],
    [{ note: 'x'.repeat(9000) }, 400, 'field_too_long'],
    [{ owner_org_id: '1' }, 400, 'unknown_field'],
  ];
  for (const [fields, status, c] of cases) {
    const res = await send(id, officer, await jpeg(), { fields });
    assert.equal(res.statusCode, status, `${JSON.stringify(fields).slice(0, 40)}: ${res.body}`);
    assert.equal(code(res), c);
  }
  assert.equal(code(await send(id, officer, await jpeg(), { field: 'photo' })), 'unknown_field');
  const twice = multipartForm({ pole_id: String(poleId) }, await jpeg(), 'photo.jpg', 'image/jpeg');
  const dup = Buffer.from(twice.payload.toString('latin1').replace(/(--[^\r]+\r\nContent-Disposition: form-data; name="pole_id"\r\n\r\n\d+\r\n)/, '$1$1'), 'latin1');
  const dupRes = await t.app.inject({ method: 'POST', url: `/api/cases/${id}/photos`, headers: { ...officer.headers, ...twice.headers }, payload: dup });
  assert.equal(code(dupRes), 'duplicate_field');
  const json = await t.app.inject({ method: 'POST', url: `/api/cases/${id}/photos`, headers: officer.headers, payload: { file: 'x' } });
  assert.equal(json.statusCode, 400);
  assert.equal(code(json), 'multipart_required');
  const empty = await send(id, officer, Buffer.alloc(0));
  assert.equal(code(empty), 'file_empty');
  assert.deepEqual(await traces(), before);
  // An honest PNG with no declared type is what it is: accepted as a PNG.
  const png = await send(id, officer, TINY_PNG, { name: 'blob', type: 'application/octet-stream', fields: { note: '😀\u200b‏ok' } });
  assert.equal(png.statusCode, 201, png.body);
  assert.equal(png.json().mime, 'image/png');
  assert.equal(png.json().note, '😀\u200b‏ok', 'stored exactly');
  const thumb = await t.app.inject({ method: 'GET', url: png.json().thumb_url, headers: officer.headers });
  assert.equal((await sharp(thumb.rawPayload).metadata()).format, 'jpeg');
});

test('officers add evidence to any live case, never to a closed or withdrawn one, never as correction proof', async () => {
  for (const state of ['found', 'opened', 'investigating', 'ordered', 'not_corrected', 'penalty_noticed', 'overdue']) {
    assert.equal((await send(await newCase(state), officer, await jpeg())).statusCode, 201, state);
  }
  const admin = await login(t.app, 'admin');
  assert.equal((await send(await newCase('decided', 'telecom'), admin, await jpeg())).statusCode, 201);
  for (const state of ['closed', 'withdrawn']) {
    const res = await send(await newCase(state), officer, await jpeg());
    assert.equal(res.statusCode, 409, state);
    assert.equal(code(res), 'case_closed');
  }
  const proof = await send(await newCase('ordered'), officer, await jpeg(), { fields: { purpose: 'correction_proof' } });
  assert.equal(proof.statusCode, 403);
  assert.equal(code(proof), 'purpose_not_allowed');
  const viewer = await login(t.app, 'viewer');
  assert.equal((await send(await newCase('opened'), viewer, await jpeg())).statusCode, 403);
  assert.equal((await send(999999, officer, await jpeg())).statusCode, 404);
});

test('the responsible firm adds only correction proof, only while the order runs; other firms see nothing', async () => {
  const ordered = await newCase('ordered');
  const proof = await send(ordered, unicom, await jpeg(), { fields: { purpose: 'correction_proof', note: '已拔除' } });
  assert.equal(proof.statusCode, 201, proof.body);
  assert.equal(proof.json().purpose, 'correction_proof');
  assert.equal((await send(await newCase('correction_submitted'), unicom, await jpeg(), { fields: { purpose: 'correction_proof' } })).statusCode, 201);

  const evidence = await send(ordered, unicom, await jpeg());
  assert.equal(evidence.statusCode, 403);
  assert.equal(code(evidence), 'purpose_not_allowed');
  for (const state of ['not_corrected', 'penalty_noticed', 'closed']) {
    const late = await send(await newCase(state), unicom, await jpeg(), { fields: { purpose: 'correction_proof' } });
    assert.equal(late.statusCode, 409, state);
    assert.equal(code(late), 'case_not_awaiting_correction');
  }
  // Before the order is served the case does not exist for the firm.
  for (const state of ['found', 'opened', 'investigating']) {
    const hidden = await newCase(state);
    assert.equal((await send(hidden, unicom, await jpeg(), { fields: { purpose: 'correction_proof' } })).statusCode, 404, state);
    assert.equal((await t.app.inject({ method: 'GET', url: `/api/cases/${hidden}/photos`, headers: unicom.headers })).statusCode, 404, state);
  }

  // Another firm: the case, its list, its photos and thumbnails all answer 404.
  assert.equal((await send(ordered, telecom, await jpeg(), { fields: { purpose: 'correction_proof' } })).statusCode, 404);
  const byOfficer = (await send(ordered, officer, await jpeg())).json();
  for (const url of [`/api/cases/${ordered}/photos`, byOfficer.url, byOfficer.thumb_url]) {
    assert.equal((await t.app.inject({ method: 'GET', url, headers: telecom.headers })).statusCode, 404, url);
    assert.equal((await t.app.inject({ method: 'GET', url, headers: unicom.headers })).statusCode, 200, url);
  }
  const listed = (await t.app.inject({ method: 'GET', url: `/api/cases/${ordered}/photos`, headers: unicom.headers })).json().items as { purpose: string }[];
  assert.deepEqual(listed.map((p) => p.purpose), ['correction_proof', 'evidence']);
  const planner = await login(t.app, 'planner');
  assert.equal((await t.app.inject({ method: 'GET', url: `/api/cases/${ordered}/photos`, headers: planner.headers })).statusCode, 403);
});
