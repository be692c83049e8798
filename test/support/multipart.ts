/** A valid 1×1 PNG: the smallest real image the server must accept. */
export const TINY_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

/** A multipart/form-data body with one file field, as a browser would send it. */
export function multipartFile(bytes: Buffer, filename = 'photo.png', contentType = 'image/png', field = 'file') {
  return multipartForm({}, bytes, filename, contentType, field);
}

/** A multipart/form-data body with text fields first, then one file, as an HTML form sends them. */
export function multipartForm(fields: Record<string, string>, bytes: Buffer, filename: string, contentType = 'application/octet-stream', field = 'file') {
  const boundary = `----polewatch${Math.random().toString(16).slice(2)}`;
  const parts = Object.entries(fields).map(([k, v]) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: ${contentType}\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { payload: Buffer.concat([...parts, head, bytes, tail]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
