import exifr from 'exifr';

/** When and where the camera says the photo was taken, plus the raw tags it was read from. */
export interface PhotoExif {
  takenAt: Date | null;
  lng: number | null;
  lat: number | null;
  raw: Record<string, unknown>;
}

const TAGS = ['DateTimeOriginal', 'OffsetTimeOriginal', 'GPSLatitudeRef', 'GPSLatitude', 'GPSLongitudeRef', 'GPSLongitude', 'GPSMapDatum'];
/** Cameras without a zone tag write the wall clock; our photos are taken in Liaocheng (UTC+8, no DST since 1991). */
const ASSUMED_OFFSET = '+08:00';

/**
 * Reads EXIF without letting the library interpret anything: exifr would turn the zone-less
 * DateTimeOriginal into a Date in the server's own zone, so the raw text is parsed here.
 * Unreadable metadata is not an error: the photo is then simply unverifiable (flagged).
 */
export async function readExif(bytes: Buffer): Promise<PhotoExif> {
  let tags: Record<string, unknown> = {};
  try {
    tags = (await exifr.parse(bytes, { pick: TAGS, reviveValues: false, translateValues: false, translateKeys: true })) ?? {};
  } catch {
    tags = {};
  }
  const raw: Record<string, unknown> = {};
  for (const t of TAGS) if (tags[t] !== undefined) raw[t] = clean(tags[t]);
  const offset = typeof tags.OffsetTimeOriginal === 'string' && parseOffset(tags.OffsetTimeOriginal) !== null ? tags.OffsetTimeOriginal : null;
  const takenAt = typeof tags.DateTimeOriginal === 'string' ? parseExifTime(tags.DateTimeOriginal, offset ?? ASSUMED_OFFSET) : null;
  if (takenAt && !offset) raw.assumed_offset = ASSUMED_OFFSET;
  const lat = coordinate(tags.GPSLatitude, tags.GPSLatitudeRef, 'N', 'S', 90);
  const lng = coordinate(tags.GPSLongitude, tags.GPSLongitudeRef, 'E', 'W', 180);
  // 0,0 is what a camera without a fix writes, not a place in the Gulf of Guinea.
  const located = lat !== null && lng !== null && !(lat === 0 && lng === 0);
  return { takenAt, lat: located ? lat : null, lng: located ? lng : null, raw };
}

/** "+08:00" → minutes east of UTC; anything else → null. */
function parseOffset(s: string): number | null {
  const m = /^([+-])(\d{2}):(\d{2})$/.exec(s.trim());
  if (!m || Number(m[2]) > 14 || Number(m[3]) > 59) return null;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
}

/** "2026:03:01 10:20:30" at the given offset; an impossible date (0000:00:00, 02-30) is no time at all. */
export function parseExifTime(s: string, offset: string): Date | null {
  const m = /^(\d{4})[:-](\d{2})[:-](\d{2})[ T](\d{2}):(\d{2}):(\d{2})/.exec(s.trim());
  const minutes = parseOffset(offset);
  if (!m || minutes === null) return null;
  const [y, mo, d, h, mi, sec] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  const local = new Date(Date.UTC(y, mo - 1, d, h, mi, sec));
  if (y < 1900 || local.getUTCMonth() !== mo - 1 || local.getUTCDate() !== d || h > 23 || mi > 59 || sec > 59) return null;
  return new Date(local.getTime() - minutes * 60_000);
}

/** Degrees/minutes/seconds with a hemisphere reference; a missing or odd reference is never guessed. */
function coordinate(value: unknown, ref: unknown, plus: string, minus: string, limit: number): number | null {
  const parts = typeof value === 'number' ? [value] : Array.isArray(value) ? value : null;
  if (!parts || parts.length < 1 || parts.length > 3 || !parts.every((x) => typeof x === 'number' && Number.isFinite(x) && x >= 0)) return null;
  const r = typeof ref === 'string' ? ref.trim().toUpperCase() : '';
  if (r !== plus && r !== minus) return null;
  const [d = 0, m = 0, s = 0] = parts as number[];
  if (m >= 60 || s >= 60) return null;
  const abs = d + m / 60 + s / 3600;
  if (abs > limit) return null;
  return r === minus ? -abs : abs;
}

/** Tag values go into jsonb: no NUL or other control characters, nothing unbounded. */
function clean(v: unknown): unknown {
  if (typeof v === 'string') return v.replace(/[\u0000-\u001f\u007f]/g, '').slice(0, 64);
  if (Array.isArray(v)) return v.slice(0, 4).map(clean);
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  return null;
}
