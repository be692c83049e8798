/**
 * A minimal ESRI Shapefile writer for tests: points (.shp/.shx) with text attributes (.dbf) in
 * a chosen encoding. Enough to build the projected, GBK-attributed survey files that arrive
 * from district surveyors, without a GIS on the test machine.
 */
export interface ShapePoint {
  x: number;
  y: number;
  attrs: Record<string, string>;
}

export interface DbfField {
  name: string;
  length: number;
}

function shpHeader(lengthBytes: number, points: ShapePoint[]): Buffer {
  const h = Buffer.alloc(100);
  h.writeInt32BE(9994, 0);
  h.writeInt32BE(lengthBytes / 2, 24);
  h.writeInt32LE(1000, 28);
  h.writeInt32LE(1, 32); // Point
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  h.writeDoubleLE(Math.min(...xs), 36);
  h.writeDoubleLE(Math.min(...ys), 44);
  h.writeDoubleLE(Math.max(...xs), 52);
  h.writeDoubleLE(Math.max(...ys), 60);
  return h;
}

export function pointShapefile(points: ShapePoint[], fields: DbfField[], encode: (s: string) => Buffer): { shp: Buffer; shx: Buffer; dbf: Buffer } {
  const records = points.map((p, i) => {
    const r = Buffer.alloc(28);
    r.writeInt32BE(i + 1, 0);
    r.writeInt32BE(10, 4); // content: 20 bytes = 10 words
    r.writeInt32LE(1, 8);
    r.writeDoubleLE(p.x, 12);
    r.writeDoubleLE(p.y, 20);
    return r;
  });
  const shp = Buffer.concat([shpHeader(100 + 28 * points.length, points), ...records]);
  const index = points.map((_, i) => {
    const r = Buffer.alloc(8);
    r.writeInt32BE((100 + 28 * i) / 2, 0);
    r.writeInt32BE(10, 4);
    return r;
  });
  const shx = Buffer.concat([shpHeader(100 + 8 * points.length, points), ...index]);

  const recordLength = 1 + fields.reduce((n, f) => n + f.length, 0);
  const head = Buffer.alloc(32);
  head.writeUInt8(0x03, 0);
  head.writeUInt8(126, 1);
  head.writeUInt8(1, 2);
  head.writeUInt8(1, 3);
  head.writeUInt32LE(points.length, 4);
  head.writeUInt16LE(32 + 32 * fields.length + 1, 8);
  head.writeUInt16LE(recordLength, 10);
  const descriptors = fields.map((f) => {
    const d = Buffer.alloc(32);
    encode(f.name).copy(d, 0, 0, 10);
    d.write('C', 11, 'latin1');
    d.writeUInt8(f.length, 16);
    return d;
  });
  const rows = points.map((p) => {
    const row = Buffer.alloc(recordLength, 0x20);
    let at = 1;
    for (const f of fields) {
      encode(p.attrs[f.name] ?? '').copy(row, at, 0, f.length);
      at += f.length;
    }
    return row;
  });
  const dbf = Buffer.concat([head, ...descriptors, Buffer.from([0x0d]), ...rows, Buffer.from([0x1a])]);
  return { shp, shx, dbf };
}
