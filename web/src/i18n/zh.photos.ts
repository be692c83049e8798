/** Photo evidence shared by claims and removals: picking, uploading with progress, thumbnails (zh). */
export const zhPhotos = {
  'photo.label': '现场照片',
  'photo.hint': 'JPEG、PNG 或 WebP，每张不超过 10 MB，可选多张；手机上可直接拍照',
  'photo.type': '「{name}」不是 JPEG、PNG 或 WebP 照片，无法上传。',
  'photo.size': '「{name}」超过 10 MB，请压缩后再上传。',
  'photo.sizeKb': '{n} KB',
  'photo.sizeMb': '{n} MB',
  'photo.uploading': '正在上传 {name}',
  'photo.sending': '正在上传…',
  'photo.done': '已上传',
  'photo.failed': '上传失败：{message}',
  'photo.alt': '证据照片 {n}',
  'photo.open': '查看原图',
} satisfies Record<string, string>;
