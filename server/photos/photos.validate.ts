import { fileTypeFromBuffer } from 'file-type';
import { imageSize } from 'image-size';
import { DomainError } from '../http/errors.ts';

export interface CheckedImage {
  mime: 'image/jpeg' | 'image/png' | 'image/webp';
  width: number;
  height: number;
}

const ALLOWED = new Set(['image/jpeg', 'image/png', 'image/webp']);

/** What the client said the file is: the multipart part's file name and Content-Type. */
export interface DeclaredType {
  filename: string | null;
  mimetype: string | null;
}

const NAMES: Record<CheckedImage['mime'], { label: string; exts: readonly string[] }> = {
  'image/jpeg': { label: 'JPEG', exts: ['jpg', 'jpeg', 'jpe', 'jfif'] },
  'image/png': { label: 'PNG', exts: ['png'] },
  'image/webp': { label: 'WebP', exts: ['webp'] },
};
const MIME_ALIASES: Record<string, string> = { 'image/jpg': 'image/jpeg', 'image/pjpeg': 'image/jpeg', 'image/x-png': 'image/png' };
/** What browsers send when they do not know the type: saying nothing is not a contradiction. */
const UNDECLARED = new Set(['', 'application/octet-stream']);

/**
 * A declared type or file extension that contradicts the bytes (a PNG sent as photo.jpg /
 * image/jpeg) means the file is not what the sender thinks it is: refused, so that what the
 * evidence record says about a file is never a silent correction of what was handed in.
 */
function refuseContradiction(actual: CheckedImage['mime'], declared: DeclaredType): void {
  const real = NAMES[actual];
  const rawType = (declared.mimetype ?? '').split(';')[0]!.trim().toLowerCase();
  const type = MIME_ALIASES[rawType] ?? rawType;
  const dot = (declared.filename ?? '').lastIndexOf('.');
  const ext = dot > 0 ? declared.filename!.slice(dot + 1).toLowerCase() : '';
  const typeWrong = !UNDECLARED.has(type) && type !== actual;
  const extWrong = ext !== '' && !real.exts.includes(ext);
  if (!typeWrong && !extWrong) return;
  const said = typeWrong ? `declared as ${rawType.slice(0, 60)}` : `named ".${ext.slice(0, 12)}"`;
  throw new DomainError('type_mismatch', 415, `The file is ${said}, but its contents are a ${real.label} image. Send it under its real type (.${real.exts[0]}, ${actual}).`, { detected: actual });
}

/**
 * Decides by the bytes, never by the name or the declared type (which, when given, may only
 * confirm the bytes, never override them): an SVG (script-capable XML) is refused, and the
 * pixel count is read from the header so a decompression bomb is refused before anything
 * decodes it.
 */
export async function checkImage(bytes: Buffer, maxPixels: number, declared?: DeclaredType): Promise<CheckedImage> {
  const type = await fileTypeFromBuffer(bytes);
  if (!type || !ALLOWED.has(type.mime)) {
    throw new DomainError('unsupported_media_type', 415, 'Only JPEG, PNG or WebP photos are accepted; this file is not one of them.');
  }
  if (declared) refuseContradiction(type.mime as CheckedImage['mime'], declared);
  let size: { width?: number; height?: number };
  try {
    size = imageSize(bytes);
  } catch {
    throw new DomainError('invalid_image', 422, 'The photo is damaged or truncated and cannot be read.');
  }
  const { width = 0, height = 0 } = size;
  if (width < 1 || height < 1) throw new DomainError('invalid_image', 422, 'The photo has no readable dimensions.');
  if (width * height > maxPixels) {
    throw new DomainError('image_too_large', 422, `The photo is ${width}×${height} pixels; at most ${Math.round(maxPixels / 1e6)} megapixels are accepted.`);
  }
  return { mime: type.mime as CheckedImage['mime'], width, height };
}
