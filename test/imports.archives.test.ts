import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import iconv from 'iconv-lite';
import proj4 from 'proj4';
import { login, startTestApp, type TestContext } from './support/test.app.ts';
import { ImportClient } from './support/import.client.ts';
import { zip, type ZipSpec } from './support/zip.writer.ts';
import { pointShapefile } from './support/shapefile.writer.ts';

/** Survey files that come as archives or in other encodings and systems: Shapefiles, projections, zip safety, code pages. */
let t: TestContext;
let api: ImportClient;
before(async () => {
  t = await startTestApp();
  api = new ImportClient(t, await login(t.app, 'officer'));
});
after(() => t.close());

/** EPSG:4527 as the EPSG registry defines it, written independently of the server's .prj reading. */
const EPSG_4527 = '+proj=tmerc +lat_0=0 +lon_0=117 +k=1 +x_0=39500000 +y_0=0 +ellps=GRS80 +units=m +no_defs';
const PRJ_4527 = 'PROJCS["CGCS2000_3_Degree_GK_Zone_39",GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",39500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",117.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]';
const gbk = (s: string) => iconv.encode(s, 'gbk');

function surveyShapefile(codes: string[], wgs: [number, number][], extra: ZipSpec[] = [], cpg: string | null = 'GBK'): Buffer {
  const points = wgs.map((p, i) => {
    const [x, y] = proj4(EPSG_4527, p) as [number, number];
    return { x, y, attrs: { 编号: codes[i]!, 权属: '移动', 状况: '倒伏', 备注: '振兴路东段，靠近聊城大学' } };
  });
  const { shp, shx, dbf } = pointShapefile(points, [{ name: '编号', length: 20 }, { name: '权属', length: 10 }, { name: '状况', length: 10 }, { name: '备注', length: 80 }], gbk);
  const parts: ZipSpec[] = [{ name: 'survey/poles.shp', data: shp }, { name: 'survey/poles.shx', data: shx }, { name: 'survey/poles.dbf', data: dbf }, { name: 'survey/poles.prj', data: Buffer.from(PRJ_4527) }];
  if (cpg !== null) parts.push({ name: 'survey/poles.cpg', data: Buffer.from(cpg) });
  return zip([...parts, ...extra]);
}

test('a Shapefile in CGCS2000 / 3-degree Gauss-Krüger zone 39 (EPSG:4527) with a GBK table is reprojected within 1 m', async () => {
  const wgs: [number, number][] = [[115.9901, 36.4621], [115.9911, 36.4631]];
  const [x] = proj4(EPSG_4527, wgs[0]!) as [number, number];
  assert.ok(x > 39_400_000 && x < 39_500_000, 'zone 39 eastings carry the zone number');
  const p = await api.preview(surveyShapefile(['IMP-SHP-001', 'IMP-SHP-002'], wgs), 'survey.zip');
  assert.equal(p.status, 201, JSON.stringify(p.body));
  assert.equal(p.body.format, 'shapefile');
  assert.equal(p.body.encoding_detected, 'gbk');
  assert.equal(p.body.crs, 'cgcs2000');
  assert.match(p.body.projection!, /Zone_39/);
  assert.equal(p.body.rows[0]!.values['备注'], '振兴路东段，靠近聊城大学');
  assert.equal((await api.commit(p.body.import_id)).status, 200);
  for (const [i, code] of ['IMP-SHP-001', 'IMP-SHP-002'].entries()) assert.ok((await api.metresFrom(code, ...wgs[i]!)) < 1, code);
  const s1 = await api.poleByCode('IMP-SHP-001');
  assert.deepEqual([s1.owner, s1.condition, s1.note, s1.source_crs], ['mobile', 'fallen', '振兴路东段，靠近聊城大学', 'cgcs2000']);

  // Without a .cpg the table's encoding is detected; a .cpg that lies is caught, not stored as mojibake.
  const detected = await api.preview(surveyShapefile(['IMP-SHP-003'], [[115.9921, 36.4641]], [], null), 'nocpg.zip');
  assert.equal(detected.body.encoding_detected, 'gbk');
  const lying = await api.preview(surveyShapefile(['IMP-SHP-004'], [[115.9921, 36.4641]], [], 'UTF-8'), 'lying.zip');
  assert.equal(lying.status, 422);
  assert.equal(lying.body.error!.code, 'declare_encoding');
});

test('an unknown projection is refused with a clear message', async () => {
  const webMercator = 'PROJCS["WGS_1984_Web_Mercator_Auxiliary_Sphere",GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Mercator_Auxiliary_Sphere"],PARAMETER["False_Easting",0.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",0.0],PARAMETER["Standard_Parallel_1",0.0],PARAMETER["Auxiliary_Sphere_Type",0.0],UNIT["Meter",1.0]]';
  const beijing54 = 'PROJCS["Beijing_1954_3_Degree_GK_Zone_39",GEOGCS["GCS_Beijing_1954",DATUM["D_Beijing_1954",SPHEROID["Krasovsky_1940",6378245.0,298.3]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",39500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",117.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]';
  for (const prj of [webMercator, beijing54]) {
    const { shp, dbf } = pointShapefile([{ x: 39_409_000, y: 4_036_000, attrs: { CODE: 'IMP-PRJ-001' } }], [{ name: 'CODE', length: 20 }], (s) => Buffer.from(s));
    const p = await api.preview(zip([{ name: 'p.shp', data: shp }, { name: 'p.dbf', data: dbf }, { name: 'p.prj', data: Buffer.from(prj) }]), 'p.zip');
    assert.equal(p.status, 422);
    assert.equal(p.body.error!.code, 'unknown_projection');
    assert.match(p.body.error!.message, /not one polewatch can convert/);
  }
});

test('unsafe and oversized archives are refused before anything is extracted', async () => {
  const valid = (extra: ZipSpec[]) => surveyShapefile(['IMP-ZIP-001'], [[115.9931, 36.4651]], extra);
  const zeros = Buffer.alloc(20 * 1024 * 1024);
  const cases: [string, Buffer, number, string][] = [
    ['zip slip', valid([{ name: '../../evil.shp', data: Buffer.from('x') }]), 422, 'zip_unsafe_path'],
    ['zip slip inside a folder', valid([{ name: 'survey/../../etc/cron.d/x', data: Buffer.from('x') }]), 422, 'zip_unsafe_path'],
    ['absolute path', valid([{ name: '/etc/passwd', data: Buffer.from('x') }]), 422, 'zip_unsafe_path'],
    ['symlink', valid([{ name: 'survey/link.txt', data: Buffer.from('/etc/passwd'), symlink: true }]), 422, 'zip_symlink'],
    ['bomb by ratio', valid([{ name: 'survey/padding.dbf', data: zeros }]), 422, 'zip_bomb'],
    ['bomb by total size', zip([0, 1].map((i) => ({ name: `big${i}.bin`, data: randomBytes(1_600_000), declaredSize: 150 * 1024 * 1024 }))), 413, 'zip_too_large'],
    ['bomb by entry count', zip(Array.from({ length: 1001 }, (_, i) => ({ name: `f${i}.txt`, data: Buffer.from('x'), store: true }))), 413, 'zip_too_many_entries'],
  ];
  const before = await api.tallies();
  for (const [name, bytes, status, code] of cases) {
    const p = await api.preview(bytes, 'survey.zip');
    assert.equal(p.status, status, `${name}: ${JSON.stringify(p.body)}`);
    assert.equal(p.body.error!.code, code, name);
    assert.match(p.body.error!.message, /nothing was extracted/, name);
  }
  assert.deepEqual(await api.tallies(), before, 'a refused archive leaves no trace');
  const ok = await api.preview(valid([]), 'survey.zip');
  assert.equal(ok.status, 201, 'the same archive without the bad entry is fine');
});

const CHINESE_CSV = '编号,经度,纬度,备注\nIMP-ENC-003,115.98,36.45,东昌路与兴华路路口北侧，杆体倾斜\n';

test('text in an unreadable or wrongly declared encoding is refused, never stored as mojibake', async () => {
  const big5 = iconv.encode('編號,經度,緯度,備註\nIMP-ENC-001,115.98,36.45,東昌路與興華路路口北側的電線桿\n', 'big5');
  const sjis = iconv.encode('番号,経度,緯度,備考\nIMP-ENC-002,115.98,36.45,東京都千代田区テスト\n', 'shift_jis');
  for (const [name, bytes] of [['Big5', big5], ['Shift_JIS', sjis]] as const) {
    const p = await api.preview(bytes, 'survey.csv');
    assert.equal(p.status, 422, name);
    assert.equal(p.body.error!.code, 'declare_encoding', name);
    assert.match(p.body.error!.message, /declare the encoding/, name);
  }
  const gbkAsUtf8 = await api.preview(iconv.encode(CHINESE_CSV, 'gbk'), 'survey.csv', { encoding: 'utf-8' });
  assert.equal(gbkAsUtf8.body.error!.code, 'encoding_mismatch');
  const utf8AsGbk = await api.preview(Buffer.from(CHINESE_CSV), 'survey.csv', { encoding: 'gbk' });
  assert.equal(utf8AsGbk.body.error!.code, 'encoding_mismatch');
});

test('a GeoJSON that names EPSG:4527 in its crs member is reprojected too', async () => {
  const wgs: [number, number] = [115.9941, 36.4661];
  const fc = {
    type: 'FeatureCollection',
    crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::4527' } },
    features: [{ type: 'Feature', geometry: { type: 'Point', coordinates: proj4(EPSG_4527, wgs) }, properties: { 编号: 'IMP-GJ4527-001' } }],
  };
  const p = await api.preview(Buffer.from(JSON.stringify(fc)), 'grid.geojson');
  assert.equal(p.status, 201, JSON.stringify(p.body));
  assert.equal(p.body.crs, 'cgcs2000');
  assert.equal((await api.commit(p.body.import_id)).status, 200);
  assert.ok((await api.metresFrom('IMP-GJ4527-001', ...wgs)) < 1);
  const other = await api.preview(Buffer.from(JSON.stringify({ ...fc, crs: { type: 'name', properties: { name: 'EPSG:3857' } } })), 'merc.geojson');
  assert.equal(other.body.error!.code, 'unknown_projection');
});
