import { createHash, randomUUID } from 'node:crypto';
import { mkdir, open, readFile, readdir, rename, rm, stat, unlink } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';

const EXT = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' } as const;
/** Originals: `ab/<sha256>.<ext>`; thumbnails: `thumbs/ab/<sha256 of the original>.jpg`. */
const KEY = /^(thumbs\/)?[0-9a-f]{2}\/[0-9a-f]{64}\.(jpg|png|webp)$/;
const SHA256 = /^[0-9a-f]{64}$/;
const TEMP = /^(thumbs\/)?[0-9a-f]{2}\/\.tmp-[0-9a-f-]{36}$/;

/** A file in the store: a photo (by its key) or a temporary file left by an interrupted put. */
export interface StoredFile {
  path: string;
  kind: 'photo' | 'temp';
  mtimeMs: number;
}

async function syncDir(path: string): Promise<void> {
  const d = await open(path, 'r');
  try {
    // Some file systems cannot fsync a directory (EINVAL); there the rename is as durable as it gets.
    await d.sync().catch((err: NodeJS.ErrnoException) => (err.code === 'EINVAL' ? undefined : Promise.reject(err)));
  } finally {
    await d.close();
  }
}

/**
 * Evidence files live outside the database, named by their SHA-256: the name proves the
 * content, duplicates collapse, and nothing a client sends ever becomes part of a path.
 */
export class PhotoStore {
  private readonly root: string;

  constructor(dir: string) {
    this.root = resolve(dir);
  }

  async put(bytes: Buffer, mime: keyof typeof EXT): Promise<{ sha256: string; key: string }> {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const key = `${sha256.slice(0, 2)}/${sha256}.${EXT[mime]}`;
    await this.writeDurably(key, bytes);
    return { sha256, key };
  }

  /**
   * A derived JPEG preview, filed under its original's hash: the thumbnail's own bytes depend
   * on the encoder version, so only the original's hash names it stably.
   */
  async putThumb(originalSha256: string, jpeg: Buffer): Promise<{ key: string }> {
    if (!SHA256.test(originalSha256)) throw new Error(`not a SHA-256: ${originalSha256}`);
    const key = `thumbs/${originalSha256.slice(0, 2)}/${originalSha256}.jpg`;
    await this.writeDurably(key, jpeg);
    return { key };
  }

  read(key: string): Promise<Buffer> {
    if (!KEY.test(key)) throw new Error(`not a storage key: ${key}`);
    return readFile(join(this.root, key));
  }

  /**
   * Every photo, thumbnail and temporary file, with its modification time. Anything else in
   * the folder is not ours and is left out.
   */
  async list(): Promise<StoredFile[]> {
    const subdirs = (rel: string) => readdir(join(this.root, rel)).then(
      (names) => names.filter((d) => /^[0-9a-f]{2}$/.test(d)).map((d) => (rel ? `${rel}/${d}` : d)),
      (err: NodeJS.ErrnoException) => (err.code === 'ENOENT' ? [] : Promise.reject(err)),
    );
    const dirs = [...(await subdirs('')), ...(await subdirs('thumbs'))];
    const out: StoredFile[] = [];
    for (const dir of dirs) {
      const names = await readdir(join(this.root, dir));
      const found = await Promise.all(names.map(async (name) => {
        const path = `${dir}/${name}`;
        const kind: StoredFile['kind'] | null = KEY.test(path) ? 'photo' : TEMP.test(path) ? 'temp' : null;
        const st = kind && (await stat(join(this.root, path)).catch(() => null));
        return kind && st ? { path, kind, mtimeMs: st.mtimeMs } : null;
      }));
      for (const f of found) if (f) out.push(f);
    }
    return out;
  }

  /**
   * Removes a listed file unless it was written again since `olderThanMs` (a put of the same
   * photo renames a fresh copy over it, and that copy's row may be about to commit).
   */
  async removeIfOlder(path: string, olderThanMs: number): Promise<boolean> {
    if (!KEY.test(path) && !TEMP.test(path)) throw new Error(`not a file of the photo store: ${path}`);
    const full = join(this.root, path);
    const st = await stat(full).catch(() => null);
    if (!st || st.mtimeMs >= olderThanMs) return false;
    await unlink(full).catch((err: NodeJS.ErrnoException) => (err.code === 'ENOENT' ? undefined : Promise.reject(err)));
    return true;
  }

  /**
   * Writes to a temporary name, fsyncs, renames, then fsyncs the folder: a crash never leaves
   * half a file under a real name, and once this returns the name itself survives a power cut,
   * so a database row committed afterwards never points at nothing.
   */
  private async writeDurably(key: string, bytes: Buffer): Promise<void> {
    const target = join(this.root, key);
    const dir = dirname(target);
    const created = await mkdir(dir, { recursive: true });
    const tmp = join(dir, `.tmp-${randomUUID()}`);
    const fh = await open(tmp, 'wx');
    try {
      await fh.writeFile(bytes);
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(tmp, target).catch(async (err) => {
      await rm(tmp, { force: true });
      throw err;
    });
    await syncDir(dir);
    // A folder made just now is itself only a name in its parent until that parent is synced.
    if (created) await syncDir(this.root);
  }
}
