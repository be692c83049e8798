import { createHash, type Hash } from 'node:crypto';
import type { Readable } from 'node:stream';

/**
 * What makes two requests "the same request" for an Idempotency-Key: the method and the
 * concrete URL (so one key cannot be replayed against another record), and the body —
 * JSON in canonical form (key order and spacing do not matter), multipart as its raw
 * bytes with the boundary taken out (a client resending the same form picks a new one).
 */

function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o).sort().map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`).join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

const start = (method: string, url: string, kind: string): Hash => createHash('sha256').update(`${method} ${url}\n${kind}\n`);

/** A parsed body: JSON values canonically; strings and buffers (other parsers) as they are. */
export function parsedBodyFingerprint(method: string, url: string, body: unknown): string {
  if (body === undefined) return start(method, url, 'none').digest('hex');
  if (typeof body === 'string' || Buffer.isBuffer(body)) return start(method, url, 'raw').update(body).digest('hex');
  return start(method, url, 'json').update(canonicalJson(body)).digest('hex');
}

/**
 * Hashes a multipart body as it streams past, with every occurrence of the boundary
 * replaced by a fixed token. A boundary split across two chunks is caught by holding back
 * the last (boundary length − 1) bytes until the next chunk arrives.
 */
export class MultipartHasher {
  private readonly hash: Hash;
  private readonly boundary: Buffer;
  private carry = Buffer.alloc(0);

  constructor(method: string, url: string, boundary: string | null) {
    this.hash = start(method, url, 'multipart');
    this.boundary = Buffer.from(boundary ?? '');
  }

  update(chunk: Buffer): void {
    if (this.boundary.length === 0) {
      this.hash.update(chunk);
      return;
    }
    const buf = this.carry.length ? Buffer.concat([this.carry, chunk]) : chunk;
    let from = 0;
    for (let at = buf.indexOf(this.boundary, from); at !== -1; at = buf.indexOf(this.boundary, from)) {
      this.hash.update(buf.subarray(from, at)).update('\u0000boundary\u0000');
      from = at + this.boundary.length;
    }
    const keep = Math.max(from, buf.length - (this.boundary.length - 1));
    this.hash.update(buf.subarray(from, keep));
    this.carry = Buffer.from(buf.subarray(keep));
  }

  digest(): string {
    return this.hash.update(this.carry).digest('hex');
  }
}

/** Resolves when the stream has delivered its last byte; rejects after `ms` or on error. */
export function ended(stream: Readable, ms: number): Promise<void> {
  if (stream.readableEnded) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => done(new Error(`the request body did not finish within ${ms} ms`)), ms);
    const done = (err?: Error) => {
      clearTimeout(timer);
      stream.off('end', onEnd).off('error', done).off('close', onClose);
      if (err) reject(err);
      else resolve();
    };
    const onEnd = () => done();
    const onClose = () => (stream.readableEnded ? done() : done(new Error('the request body was cut off')));
    stream.on('end', onEnd).on('error', done).on('close', onClose);
  });
}
