import type { IncomingMessage } from 'node:http';
import { MultipartHasher, ended } from './idempotency.fingerprint.ts';

/** A multipart upload on a slow phone connection may take minutes; a stalled one still ends. */
const DRAIN_MS = 5 * 60_000;
/** By the time a handler opens its transaction it has read its parts; only the closing bytes can be missing. */
const TAIL_MS = 30_000;

/**
 * The fingerprint of a multipart request, from its raw bytes. The multipart plugin pipes
 * the raw request into its parser only when the handler asks for a part; we listen to the
 * same stream from that moment on, so the handler reads exactly as it would without us and
 * no part limit changes. The same hasher is used when we read the body ourselves instead
 * (a key that was already used: the handler does not run at all).
 */
export class MultipartFingerprint {
  private readonly hasher: MultipartHasher;
  private piped = false;
  private result: Promise<string> | null = null;

  constructor(private readonly raw: IncomingMessage, method: string, url: string) {
    this.hasher = new MultipartHasher(method, url, boundaryOf(raw.headers['content-type']));
    const pipe = raw.pipe;
    // Own property on this one request object; the prototype stays untouched.
    raw.pipe = ((dest, opts) => {
      this.listen();
      return pipe.call(raw, dest, opts);
    }) as typeof raw.pipe;
  }

  private listen(): void {
    if (this.piped) return;
    this.piped = true;
    this.raw.on('data', (chunk: Buffer) => this.hasher.update(chunk));
  }

  /** After the handler read its parts (its first transaction is starting). */
  afterHandlerRead(): Promise<string> {
    if (!this.piped) {
      // Guessing would either hang or fingerprint half a request; the route must read first.
      return Promise.reject(new Error('a multipart route opened a transaction before reading its body; idempotency needs the body first'));
    }
    return (this.result ??= ended(this.raw, TAIL_MS).then(() => this.hasher.digest()));
  }

  /** Reads the whole body itself (the handler will not run). */
  drain(): Promise<string> {
    if (this.result) return this.result;
    this.listen();
    this.raw.resume();
    return (this.result = ended(this.raw, DRAIN_MS).then(() => this.hasher.digest()));
  }
}

function boundaryOf(contentType: string | undefined): string | null {
  const m = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType ?? '');
  return m ? (m[1] ?? m[2]!) : null;
}
