import sharp from 'sharp';
import { DomainError } from '../http/errors.ts';

export const THUMB_MAX_SIDE = 320;

/**
 * A JPEG preview no longer than 320 px on its longest side, turned upright by the EXIF
 * orientation. Decoding the whole image here also proves it is readable: a truncated or
 * corrupt file fails now, before anything is stored. sharp drops all metadata from the
 * output, so a thumbnail never carries the GPS position of the original.
 */
export async function makeThumbnail(bytes: Buffer, maxPixels: number): Promise<Buffer> {
  try {
    return await sharp(bytes, { limitInputPixels: maxPixels, failOn: 'error', sequentialRead: true })
      .rotate()
      .resize(THUMB_MAX_SIDE, THUMB_MAX_SIDE, { fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: 80, mozjpeg: false })
      .toBuffer();
  } catch {
    throw new DomainError('invalid_image', 422, 'The photo is damaged or truncated and cannot be read.');
  }
}
