import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PhotoStore } from '../server/photos/photos.store.ts';
import { sweepOrphanPhotos } from '../server/photos/photos.sweep.ts';
import { runJobs } from '../server/jobs/jobs.scheduler.ts';
import { appPerFile } from './support/test.app.ts';
import { TINY_PNG } from './support/multipart.ts';

const file = appPerFile('officer');
const png = (n: number) => Buffer.concat([TINY_PNG, Buffer.from(`sweep-${n}`)]);
const HOUR = 3600_000;

test('files nobody refers to are swept once an hour old; referenced, young and foreign files stay', async () => {
  const { t } = file;
  const dir = t.config.photos.dir;
  const store = new PhotoStore(dir);
  const age = (path: string, ms: number) => utimesSync(join(dir, path), new Date(Date.now() - ms), new Date(Date.now() - ms));
  const [claimed, orphan, young, elsewhere] = await Promise.all([1, 2, 3, 4].map((n) => store.put(png(n), 'image/png')));
  for (const p of [claimed, orphan, elsewhere]) age(p.key, 2 * HOUR);
  age(young.key, 10 * 60_000);
  const claim = (await t.db.query<{ id: number }>('SELECT id FROM claims ORDER BY id LIMIT 1')).rows[0]!.id;
  await t.db.query(
    `INSERT INTO claim_photos (claim_id, sha256, mime, bytes, width, height, storage_key, created_by) VALUES ($1, $2, 'image/png', 70, 1, 1, $3, 'test')`,
    [claim, claimed.sha256, claimed.key]);
  // A photo table the sweep has never heard of (as other branches add them) is found in the catalogue.
  await t.db.query('CREATE TABLE probe_case_photos (id serial PRIMARY KEY, storage_key text NOT NULL)');
  await t.db.query('INSERT INTO probe_case_photos (storage_key) VALUES ($1)', [elsewhere.key]);
  // Temporary files of interrupted writes, and files that are not the store's at all.
  const oldTemp = `${orphan.key.slice(0, 2)}/.tmp-${randomUUID()}`;
  const newTemp = `${orphan.key.slice(0, 2)}/.tmp-${randomUUID()}`;
  for (const p of [oldTemp, newTemp]) writeFileSync(join(dir, p), 'half a photo');
  age(oldTemp, 2 * HOUR);
  mkdirSync(join(dir, 'zz'), { recursive: true });
  for (const p of ['README.txt', 'zz/notes.jpg']) {
    writeFileSync(join(dir, p), 'not a photo of the store');
    age(p, 48 * HOUR);
  }

  // Thumbnails: one a row still names (thumb_key), one whose row never committed, and the
  // temporary file of an interrupted thumbnail write.
  const [keptThumb, lostThumb] = await Promise.all([claimed, orphan].map((p) => store.putThumb(p.sha256, png(7))));
  await t.db.query('CREATE TABLE probe_thumbs (id serial PRIMARY KEY, thumb_key text NOT NULL)');
  await t.db.query('INSERT INTO probe_thumbs (thumb_key) VALUES ($1)', [keptThumb.key]);
  const thumbTemp = `thumbs/${lostThumb.key.slice(7, 9)}/.tmp-${randomUUID()}`;
  writeFileSync(join(dir, thumbTemp), 'half a thumbnail');
  for (const p of [keptThumb.key, lostThumb.key, thumbTemp]) age(p, 2 * HOUR);

  const r = await sweepOrphanPhotos(t.db, store, 60);
  assert.deepEqual(r, { scanned: 6, judged: 5, orphansRemoved: 2, tempsRemoved: 2 });
  assert.equal(existsSync(join(dir, lostThumb.key)), false, 'the orphaned thumbnail is gone');
  assert.equal(existsSync(join(dir, thumbTemp)), false);
  assert.ok(existsSync(join(dir, keptThumb.key)), 'a thumbnail a row names stays');
  const present = (p: string) => existsSync(join(dir, p));
  assert.equal(present(orphan.key), false);
  assert.equal(present(oldTemp), false);
  for (const p of [claimed.key, young.key, elsewhere.key, newTemp, 'README.txt', 'zz/notes.jpg']) assert.ok(present(p), p);

  // The scheduled jobs run the same sweep; a second pass finds nothing more to do.
  const again = await runJobs(t.db, t.config);
  assert.deepEqual(again.photos, { scanned: 4, judged: 3, orphansRemoved: 0, tempsRemoved: 0 });
});

test('a photo written again since it was listed is not removed (its new row may be about to commit)', async () => {
  const store = new PhotoStore(file.t.config.photos.dir);
  const p = await store.put(png(9), 'image/png');
  const cutoff = Date.now() - HOUR;
  assert.equal(await store.removeIfOlder(p.key, cutoff), false, 'fresh file');
  assert.ok(existsSync(join(file.t.config.photos.dir, p.key)));
  await assert.rejects(store.removeIfOlder('../../etc/passwd', Date.now()), /not a file of the photo store/);
});
