import { createHash, randomUUID } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';

const EXT = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' } as const;
/** Originals: `ab/<sha256>.<ext>`; thumbnails: `thumbs/ab/<sha256 of the original>.jpg`. */
const KEY = /^(thumbs\/)?[0-9a-f]{2}\/[0-9a-f]{64}\.(jpg|png|webp)$/;
const SHA256 = /^[0-9a-f]{64}$/;

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
   * Writes to a temporary name, fsyncs, renames, then fsyncs the folder: a crash never leaves
   * half a file under a real name, and once this returns the name itself survives a power cut,
   * so a database row committed afterwards never points at nothing.
   */
  private async writeDurably(key: string, bytes: Buffer): Promise<void> {
    const target = join(this.root, key);
    const dir = dirname(target);
    await mkdir(dir, { recursive: true });
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
    const dh = await open(dir, 'r');
    try {
      await dh.sync();
    } finally {
      await dh.close();
    }
  }
}
