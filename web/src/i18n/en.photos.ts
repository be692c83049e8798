import type { zhPhotos } from './zh.photos.ts';

export const enPhotos: Record<keyof typeof zhPhotos, string> = {
  'photo.label': 'Site photos',
  'photo.hint': 'JPEG, PNG or WebP, up to 10 MB each; several allowed; on a phone you can take them now',
  'photo.type': '“{name}” is not a JPEG, PNG or WebP photo and cannot be uploaded.',
  'photo.size': '“{name}” is larger than 10 MB; please shrink it first.',
  'photo.sizeKb': '{n} KB',
  'photo.sizeMb': '{n} MB',
  'photo.uploading': 'Uploading {name}',
  'photo.sending': 'Uploading…',
  'photo.done': 'Uploaded',
  'photo.failed': 'Upload failed: {message}',
  'photo.alt': 'Evidence photo {n}',
  'photo.open': 'Open the full photo',
};
