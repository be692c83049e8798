import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { appPerFile } from './support/test.app.ts';
import { multipartFile, multipartForm, TINY_PNG } from './support/multipart.ts';
import { count, newKey, replayed, slowBody, until } from './support/idempotency.client.ts';

const file = appPerFile('officer');

/** A removal recorded through the API, to hang evidence photos on. */
async function removal(): Promise<number> {
  const { t, session } = file;
  const pole = (await t.db.query<{ id: number }>(
    "SELECT id FROM poles WHERE status = 'in_service' AND owner_org_id IS NOT NULL ORDER BY id DESC LIMIT 1")).rows[0]!.id;
  const res = await t.app.inject({ method: 'POST', url: '/api/removals', headers: session.headers, payload: { pole_id: pole, removed_on: '2026-02-01', org: 'telecom' } });
  assert.equal(res.statusCode, 201, res.body);
  return res.json().id as number;
}

/** A PNG that differs from TINY_PNG by its trailing bytes (still a valid image for the checker). */
const otherPng = Buffer.concat([TINY_PNG, Buffer.from('polewatch')]);

const upload = (id: number, key: string, bytes: Buffer | { stream: NodeJS.ReadableStream }, headers: Record<string, string> = {}) => {
  const { t, session } = file;
  const payload = Buffer.isBuffer(bytes) ? multipartFile(bytes) : null;
  return t.app.inject({
    method: 'POST', url: `/api/removals/${id}/photos`,
    headers: { ...session.headers, ...(payload?.headers ?? headers), 'idempotency-key': key },
    payload: payload?.payload ?? (bytes as { stream: NodeJS.ReadableStream }).stream as never,
  });
};

const photoFiles = () => {
  const dir = file.t.config.photos.dir;
  return readdirSync(dir, { recursive: true }).filter((f) => /\.(png|jpg|webp)$/.test(String(f))).map((f) => join(dir, String(f)));
};

test('a photo upload sent again (new multipart boundary) is replayed: one row, one file', async () => {
  const id = await removal();
  const key = newKey();
  const first = await upload(id, key, TINY_PNG);
  assert.equal(first.statusCode, 201, first.body);
  const filesAfterFirst = photoFiles().length;
  const again = await upload(id, key, TINY_PNG);
  assert.equal(again.statusCode, 201);
  assert.ok(replayed(again));
  assert.equal(again.body, first.body);
  assert.equal(await count(file.t.db, 'SELECT 1 FROM removal_photos WHERE removal_id = $1', [id]), 1);
  assert.equal(photoFiles().length, filesAfterFirst);
  const other = await upload(id, key, otherPng);
  assert.equal(other.statusCode, 422, 'another photo under the same key is another request');
  assert.equal(other.json().error.code, 'idempotency_key_reused');
  assert.equal(await count(file.t.db, 'SELECT 1 FROM removal_photos WHERE removal_id = $1', [id]), 1);
});

test('a copy arriving while the first upload is still coming in gets 409 at once; after it lands, a retry replays', async () => {
  const id = await removal();
  const key = newKey();
  const mp = multipartFile(TINY_PNG);
  const slow = slowBody(mp.payload);
  const first = upload(id, key, slow, mp.headers);
  // The handler has started reading the body (the first half is gone), so the key is in flight.
  await until(() => slow.stream.readableLength === 0, 'the server to start reading the upload');
  const copy = await upload(id, key, TINY_PNG);
  assert.equal(copy.statusCode, 409, copy.body);
  assert.equal(copy.json().error.code, 'idempotency_in_flight');
  assert.equal(copy.headers['retry-after'], '1');
  slow.finish();
  const done = await first;
  assert.equal(done.statusCode, 201, done.body);
  const retry = await upload(id, key, TINY_PNG);
  assert.ok(replayed(retry));
  assert.equal(retry.json().id, done.json().id);
  assert.equal(await count(file.t.db, 'SELECT 1 FROM removal_photos WHERE removal_id = $1', [id]), 1);
});

test('an import dry run uploaded twice with one key stores one dry run and answers the same import id', async () => {
  const { t, session } = file;
  const csv = Buffer.from('编号,经度,纬度\nIDEM-001,115.985,36.455\nIDEM-002,115.986,36.456\n');
  const key = newKey();
  const send = () => {
    const mp = multipartForm({ encoding: 'utf-8' }, csv, 'survey.csv', 'text/csv');
    return t.app.inject({ method: 'POST', url: '/api/imports/preview', headers: { ...session.headers, ...mp.headers, 'idempotency-key': key }, payload: mp.payload });
  };
  const before = await count(t.db, 'SELECT 1 FROM imports');
  const a = await send();
  const b = await send();
  assert.equal(a.statusCode, 201, a.body);
  assert.ok(replayed(b));
  assert.equal(b.json().import_id, a.json().import_id);
  assert.equal(await count(t.db, 'SELECT 1 FROM imports'), before + 1);
  const commit = () => t.app.inject({ method: 'POST', url: `/api/imports/${a.json().import_id}/commit`, headers: { ...session.headers, 'idempotency-key': `${key}-commit` }, payload: {} });
  const [c1, c2] = [await commit(), await commit()];
  assert.deepEqual([c1.statusCode, c2.statusCode], [200, 200], c2.body);
  assert.ok(replayed(c2), 'a lost commit answer is replayed, not refused as already committed');
  assert.equal(await count(t.db, "SELECT 1 FROM poles WHERE code LIKE 'IDEM-00_'"), 2);
});
