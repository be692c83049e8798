import { createHash, randomUUID } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';

const EXT = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' } as const;

/**
 * Evidence files live outside the database, named by their SHA-256: the name proves the
 * content, duplicates collapse, and nothing a client sends ever becomes part of a path.
 */
export class PhotoStore {
  private readonly root: string;

  constructor(dir: string) {
    this.root = resolve(dir);
  }

  /** Writes to a temporary name, fsyncs, then renames, so a crash never leaves half a file under a real name. */
  async put(bytes: Buffer, mime: keyof typeof EXT): Promise<{ sha256: string; key: string }> {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const key = `${sha256.slice(0, 2)}/${sha256}.${EXT[mime]}`;
    const dir = join(this.root, sha256.slice(0, 2));
    await mkdir(dir, { recursive: true });
    const tmp = join(dir, `.tmp-${randomUUID()}`);
    const fh = await open(tmp, 'wx');
    try {
      await fh.writeFile(bytes);
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(tmp, join(this.root, key)).catch(async (err) => {
      await rm(tmp, { force: true });
      throw err;
    });
    return { sha256, key };
  }

  read(key: string): Promise<Buffer> {
    if (!/^[0-9a-f]{2}\/[0-9a-f]{64}\.(jpg|png|webp)$/.test(key)) throw new Error(`not a storage key: ${key}`);
    return readFile(join(this.root, key));
  }
}
