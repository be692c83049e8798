import yauzl from 'yauzl';
import { DomainError, unprocessable } from '../http/errors.ts';

/**
 * Reads a zip archive in memory, safely. The central directory is read and judged whole before
 * a single byte is inflated: an unsafe name, a symlink, an encrypted entry or a bomb refuses the
 * archive outright. Entries are never written to disk and their names are never used as paths;
 * they only pick which buffers a caller wants.
 */
export interface ZipLimits {
  maxEntries: number;
  /** Sum of the uncompressed sizes the directory declares. */
  maxTotalBytes: number;
  /** Uncompressed / compressed, per entry, for entries larger than RATIO_FLOOR_BYTES. */
  maxRatio: number;
}

/** Small entries (a .prj, a .cpg) compress extremely well and can hurt no one, so the ratio spares them. */
const RATIO_FLOOR_BYTES = 1024 * 1024;
const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;

export interface ZipEntry {
  name: string;
  size: number;
}

const unsafe = (code: string, message: string) => unprocessable(code, `${message} The archive was refused; nothing was extracted.`);

function open(buf: Buffer): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    // validateEntrySizes makes inflation stop with an error if an entry outgrows what it declared.
    yauzl.fromBuffer(buf, { lazyEntries: true, autoClose: false, decodeStrings: true, validateEntrySizes: true, strictFileNames: false }, (err, zip) =>
      err ? reject(unprocessable('invalid_zip', `The file is not a readable zip archive (${err.message}).`)) : resolve(zip));
  });
}

/** Every directory entry; yauzl itself refuses absolute and ../ names while reading them. */
function readDirectory(zip: yauzl.ZipFile): Promise<yauzl.Entry[]> {
  return new Promise((resolve, reject) => {
    const entries: yauzl.Entry[] = [];
    zip.on('entry', (e: yauzl.Entry) => {
      entries.push(e);
      zip.readEntry();
    });
    zip.on('end', () => resolve(entries));
    zip.on('error', (err: Error) => {
      if (/absolute path|invalid relative path|invalid characters in fileName/.test(err.message)) {
        reject(unsafe('zip_unsafe_path', `An entry's name points outside the archive (${err.message.slice(0, 120)}).`));
      } else reject(unprocessable('invalid_zip', `The zip archive is damaged (${err.message}).`));
    });
    zip.readEntry();
  });
}

function check(entries: yauzl.Entry[], limits: ZipLimits): void {
  let total = 0;
  for (const e of entries) {
    const name = e.fileName;
    // Belt and braces over yauzl's own check: never trust a name that could climb out.
    if (name.startsWith('/') || /^[a-zA-Z]:/.test(name) || name.split('/').includes('..') || name.includes('\0')) {
      throw unsafe('zip_unsafe_path', `The entry "${name.slice(0, 120)}" points outside the archive.`);
    }
    if (((e.externalFileAttributes >>> 16) & S_IFMT) === S_IFLNK) throw unsafe('zip_symlink', `The entry "${name.slice(0, 120)}" is a symbolic link.`);
    if (e.isEncrypted()) throw unsafe('zip_encrypted', `The entry "${name.slice(0, 120)}" is encrypted.`);
    total += e.uncompressedSize;
    if (e.uncompressedSize > RATIO_FLOOR_BYTES && e.uncompressedSize / Math.max(e.compressedSize, 1) > limits.maxRatio) {
      throw unsafe('zip_bomb', `The entry "${name.slice(0, 120)}" would expand ${Math.round(e.uncompressedSize / Math.max(e.compressedSize, 1))} times (the limit is ${limits.maxRatio}:1).`);
    }
  }
  if (total > limits.maxTotalBytes) {
    throw new DomainError('zip_too_large', 413, `The archive would expand to ${Math.ceil(total / 1048576)} MB; the limit is ${Math.floor(limits.maxTotalBytes / 1048576)} MB. The archive was refused; nothing was extracted.`);
  }
}

function inflate(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (err, stream) => {
      if (err) return reject(unprocessable('invalid_zip', `The entry "${entry.fileName}" cannot be read (${err.message}).`));
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('error', (e: Error) => reject(unprocessable('invalid_zip', `The entry "${entry.fileName}" is damaged (${e.message}).`)));
      stream.on('end', () => resolve(Buffer.concat(chunks)));
    });
  });
}

/**
 * The entries `want` picks, by name, as buffers. Directories are listed but never inflated.
 * Limits are checked on the declared sizes before any extraction; yauzl then holds each entry
 * to its declared size while inflating.
 */
export async function readZip(buf: Buffer, limits: ZipLimits, want: (entry: ZipEntry) => boolean): Promise<Map<string, Buffer>> {
  const zip = await open(buf);
  try {
    if (zip.entryCount > limits.maxEntries) {
      throw new DomainError('zip_too_many_entries', 413, `The archive holds ${zip.entryCount} entries; the limit is ${limits.maxEntries}. The archive was refused; nothing was extracted.`);
    }
    const entries = await readDirectory(zip);
    check(entries, limits);
    const out = new Map<string, Buffer>();
    for (const e of entries) {
      if (e.fileName.endsWith('/') || !want({ name: e.fileName, size: e.uncompressedSize })) continue;
      out.set(e.fileName, await inflate(zip, e));
    }
    return out;
  } finally {
    zip.close();
  }
}
