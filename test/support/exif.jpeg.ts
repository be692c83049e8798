import sharp from 'sharp';
import piexif from 'piexifjs';

// piexifjs 1.0.6 predates EXIF 2.31's zone tags; teach it OffsetTimeOriginal (0x9011).
const OFFSET_TIME_ORIGINAL = 36881;
piexif.TAGS.Exif[OFFSET_TIME_ORIGINAL] ??= { name: 'OffsetTimeOriginal', type: 'Ascii' };

export interface ExifSpec {
  width?: number;
  height?: number;
  /** WGS84 position written as EXIF GPS (degrees/minutes/seconds with N/S, E/W references). */
  lng?: number;
  lat?: number;
  /** DateTimeOriginal as the camera writes it: "YYYY:MM:DD HH:MM:SS", local wall-clock time. */
  takenAt?: string;
  /** OffsetTimeOriginal, e.g. "+09:00". */
  offset?: string;
  /** EXIF orientation 1–8 (6 = the camera was turned 90° clockwise). */
  orientation?: number;
  /** Varies the pixels, so that two photos are two different files. */
  seed?: number;
}

const dms = (v: number): [number, number][] => {
  const a = Math.abs(v);
  const d = Math.floor(a);
  const m = Math.floor((a - d) * 60);
  const s = Math.round(((a - d) * 60 - m) * 60 * 10000);
  return [[d, 1], [m, 1], [s, 10000]];
};

/** A real JPEG made by sharp, with the EXIF a phone camera would write. */
export async function jpegWithExif(spec: ExifSpec = {}): Promise<Buffer> {
  const width = spec.width ?? 64;
  const height = spec.height ?? 48;
  const seed = spec.seed ?? 0;
  const pixels = Buffer.alloc(width * height * 3);
  for (let i = 0; i < pixels.length; i++) pixels[i] = (i * 31 + seed * 97) % 256;
  const jpeg = await sharp(pixels, { raw: { width, height, channels: 3 } }).jpeg({ quality: 85 }).toBuffer();
  const exif: piexif.ExifDict = { '0th': {}, Exif: {}, GPS: {} };
  if (spec.orientation !== undefined) exif['0th']![piexif.ImageIFD.Orientation] = spec.orientation;
  if (spec.takenAt !== undefined) exif.Exif![piexif.ExifIFD.DateTimeOriginal] = spec.takenAt;
  if (spec.offset !== undefined) exif.Exif![OFFSET_TIME_ORIGINAL] = spec.offset;
  if (spec.lat !== undefined && spec.lng !== undefined) {
    exif.GPS![piexif.GPSIFD.GPSLatitudeRef] = spec.lat < 0 ? 'S' : 'N';
    exif.GPS![piexif.GPSIFD.GPSLatitude] = dms(spec.lat);
    exif.GPS![piexif.GPSIFD.GPSLongitudeRef] = spec.lng < 0 ? 'W' : 'E';
    exif.GPS![piexif.GPSIFD.GPSLongitude] = dms(spec.lng);
  }
  return Buffer.from(piexif.insert(piexif.dump(exif), jpeg.toString('binary')), 'binary');
}

/** A point `east` and `north` metres away (small distances, spherical Earth). */
export function moved(lng: number, lat: number, east: number, north: number): { lng: number; lat: number } {
  const m = 111_320;
  return { lng: lng + east / (m * Math.cos((lat * Math.PI) / 180)), lat: lat + north / m };
}
