import { fileTypeFromBuffer } from 'file-type';
import { imageSize } from 'image-size';
import { DomainError } from '../http/errors.ts';

export interface CheckedImage {
  mime: 'image/jpeg' | 'image/png' | 'image/webp';
  width: number;
  height: number;
}

const ALLOWED = new Set(['image/jpeg', 'image/png', 'image/webp']);

/**
 * Decides by the bytes, never by the name or the declared type: a PNG renamed .jpg is a PNG,
 * an SVG (script-capable XML) is refused, and the pixel count is read from the header so a
 * decompression bomb is refused before anything decodes it.
 */
export async function checkImage(bytes: Buffer, maxPixels: number): Promise<CheckedImage> {
  const type = await fileTypeFromBuffer(bytes);
  if (!type || !ALLOWED.has(type.mime)) {
    throw new DomainError('unsupported_media_type', 415, 'Only JPEG, PNG or WebP photos are accepted; this file is not one of them.');
  }
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
