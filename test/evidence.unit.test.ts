import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkImage } from '../server/photos/photos.validate.ts';
import { DomainError } from '../server/http/errors.ts';
import { parseExifTime } from '../server/evidence/evidence.exif.ts';
import { choosePole, flagsFor } from '../server/evidence/evidence.verify.ts';
import { TINY_PNG } from './support/multipart.ts';
import { jpegWithExif } from './support/exif.jpeg.ts';

const refusal = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    if (e instanceof DomainError) return `${e.status} ${e.code}`;
    throw e;
  }
  return 'accepted';
};

test('declared type and extension may confirm the bytes, never contradict them', async () => {
  const jpeg = await jpegWithExif();
  const max = 1e6;
  const accepted: [string | null, string | null][] = [
    ['IMG_0001.JPG', 'image/jpeg'], ['a.jpeg', 'image/jpg'], ['a.jfif', 'image/pjpeg'], ['blob', null], [null, 'application/octet-stream'], ['x.jpg', 'image/jpeg; charset=binary'],
  ];
  for (const [filename, mimetype] of accepted) assert.equal(await refusal(checkImage(jpeg, max, { filename, mimetype })), 'accepted', `${filename} ${mimetype}`);
  const refused: [string | null, string | null][] = [['a.png', 'image/jpeg'], ['a.jpg', 'image/png'], ['a.jpg.exe', null], [null, 'image/webp'], ['a.svg', 'image/svg+xml']];
  for (const [filename, mimetype] of refused) assert.equal(await refusal(checkImage(jpeg, max, { filename, mimetype })), '415 type_mismatch', `${filename} ${mimetype}`);
  assert.equal(await refusal(checkImage(TINY_PNG, max, { filename: 'x.png', mimetype: 'image/x-png' })), 'accepted');
  // Without a declaration (claims, removals) only the bytes count, as before.
  assert.equal(await refusal(checkImage(TINY_PNG, max)), 'accepted');
});

test('EXIF capture time: Shanghai wall clock unless an offset says otherwise; impossible dates are no time', () => {
  assert.equal(parseExifTime('2026:03:01 10:20:30', '+08:00')?.toISOString(), '2026-03-01T02:20:30.000Z');
  assert.equal(parseExifTime('2026:03:01 10:20:30', '-05:30')?.toISOString(), '2026-03-01T15:50:30.000Z');
  assert.equal(parseExifTime('2026-03-01T10:20:30', '+08:00')?.toISOString(), '2026-03-01T02:20:30.000Z');
  for (const bad of ['2026:02:30 10:00:00', '2026:13:01 10:00:00', '2026:01:01 24:00:00', '0000:00:00 00:00:00', '    :  :     :  :  ', 'yesterday']) {
    assert.equal(parseExifTime(bad, '+08:00'), null, bad);
  }
  assert.equal(parseExifTime('2026:03:01 10:20:30', '+8'), null);
});

test('pole choice and flags', () => {
  const poles = [{ pole_id: 3, distance_m: 120 }, { pole_id: 7, distance_m: 12 }];
  assert.equal(choosePole(poles, null)?.pole_id, 7);
  assert.equal(choosePole(poles, 3)?.pole_id, 3);
  assert.equal(choosePole([{ pole_id: 3, distance_m: null }, { pole_id: 7, distance_m: null }], null)?.pole_id, 3);
  assert.equal(choosePole([], null), null);
  assert.throws(() => choosePole(poles, 9), /not one of this case/);
  const now = new Date('2026-11-20T04:00:00Z');
  const caseCreatedAt = new Date('2026-11-01T00:00:00Z');
  assert.deepEqual(flagsFor({ located: true, distanceM: 50, takenAt: new Date('2026-11-20T04:05:00Z'), caseCreatedAt, now }), []);
  assert.deepEqual(flagsFor({ located: true, distanceM: 50.1, takenAt: new Date('2026-11-20T04:05:01Z'), caseCreatedAt, now }), ['far_from_pole', 'time_in_future']);
  assert.deepEqual(flagsFor({ located: false, distanceM: null, takenAt: null, caseCreatedAt, now }), ['no_gps', 'no_time']);
  assert.deepEqual(flagsFor({ located: true, distanceM: 1, takenAt: new Date('2026-10-31T23:59:59Z'), caseCreatedAt, now }), ['time_before_case']);
});
