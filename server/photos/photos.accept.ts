import { checkImage } from './photos.validate.ts';
import type { PhotoStore } from './photos.store.ts';

export interface AcceptedPhoto {
  sha256: string;
  key: string;
  mime: 'image/jpeg' | 'image/png' | 'image/webp';
  width: number;
  height: number;
  bytes: number;
}

/** Checks an uploaded photo by its bytes and makes it durable; the caller then records the row. */
export async function acceptPhoto(bytes: Buffer, store: PhotoStore, maxPixels: number): Promise<AcceptedPhoto> {
  const img = await checkImage(bytes, maxPixels);
  const stored = await store.put(bytes, img.mime);
  return { ...stored, ...img, bytes: bytes.length };
}
