import { randomUUID } from 'node:crypto';

/** How a request ended, as the fault tests judge it. */
export interface Outcome {
  status: number; // 0: no HTTP answer at all (refused, reset, hung)
  code: string | null;
  retryAfter: string | null;
  replayed: boolean;
  body: unknown;
  startedAt: number;
  endedAt: number;
  failure: string | null;
}

/** A "clean 503": the status, a Retry-After, and our error shape — what a client can act on. */
export const isClean503 = (o: Outcome) => o.status === 503 && o.retryAfter !== null && o.code !== null;
export const isOk = (o: Outcome) => o.status >= 200 && o.status < 300;

/** Per-scenario counts for the report. */
export class Tally {
  sent = 0;
  ok = 0;
  unavailable = 0;
  other = 0;
  readonly samples: string[] = [];

  add(o: Outcome): Outcome {
    this.sent++;
    if (isOk(o)) this.ok++;
    else if (isClean503(o)) this.unavailable++;
    else {
      this.other++;
      if (this.samples.length < 5) this.samples.push(o.failure ?? `${o.status} ${o.code ?? JSON.stringify(o.body).slice(0, 120)}`);
    }
    return o;
  }

  /** An answer that is right for this step although not 2xx (a 409 "already committed", "in flight"). */
  expected(o: Outcome): Outcome {
    this.sent++;
    this.ok++;
    return o;
  }
}

export interface Send {
  method?: string;
  body?: unknown;
  key?: string;
  multipart?: { field: string; filename: string; bytes: Buffer; type: string };
  timeoutMs?: number;
}

export class Client {
  private cookie: string | null = null;
  private csrf: string | null = null;

  constructor(readonly base: string) {}

  async login(username: string, password: string): Promise<void> {
    const res = await fetch(`${this.base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
    if (!res.ok) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
    const set = res.headers.getSetCookie().find((c) => c.startsWith('pw_session='));
    this.cookie = set!.split(';')[0]!;
    this.csrf = ((await res.json()) as { csrfToken: string }).csrfToken;
  }

  /** Never throws: every way a request can end becomes an Outcome. */
  async send(path: string, o: Send = {}): Promise<Outcome> {
    const headers: Record<string, string> = {};
    if (this.cookie) Object.assign(headers, { cookie: this.cookie, 'x-csrf-token': this.csrf! });
    if (o.key) headers['idempotency-key'] = o.key;
    let body: string | FormData | undefined;
    if (o.multipart) {
      body = new FormData();
      body.append(o.multipart.field, new Blob([o.multipart.bytes], { type: o.multipart.type }), o.multipart.filename);
    } else if (o.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(o.body);
    }
    const startedAt = Date.now();
    try {
      const res = await fetch(`${this.base}${path}`, { method: o.method ?? (body ? 'POST' : 'GET'), headers, body, signal: AbortSignal.timeout(o.timeoutMs ?? 20_000) });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {
        // not JSON (an HTML page, an empty body): kept as text
      }
      const code = (parsed as { error?: { code?: string } } | null)?.error?.code ?? null;
      return { status: res.status, code, retryAfter: res.headers.get('retry-after'), replayed: res.headers.get('idempotency-replayed') === 'true', body: parsed, startedAt, endedAt: Date.now(), failure: null };
    } catch (err) {
      const e = err as Error & { cause?: { code?: string } };
      return { status: 0, code: null, retryAfter: null, replayed: false, body: null, startedAt, endedAt: Date.now(), failure: `${e.name}: ${e.cause?.code ?? e.message}` };
    }
  }
}

export const faultKey = () => `fault-${randomUUID()}`;
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
