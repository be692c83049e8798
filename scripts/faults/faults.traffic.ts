import type { Queryable } from '../../server/db/db.types.ts';
import { Client, Tally, faultKey, isClean503, isOk, sleep, type Outcome } from './faults.client.ts';

const BBOX = [115.97, 36.44, 116.0, 36.47] as const;

/**
 * A steady stream of reads (anonymous) and creating writes (an officer, every write with an
 * Idempotency-Key). A write answered 503 goes back into a queue and is sent again later
 * with the same key — what the phone's offline queue does — so every key must end as
 * exactly one pole, whatever the database went through.
 */
export class Traffic {
  readonly tally = new Tally();
  /** Every key ever sent → the pole id its 2xx answer named (null until one came). */
  readonly keys = new Map<string, number | null>();
  private readonly retry: string[] = [];
  private readonly okTimes: number[] = [];
  private readonly downTimes: number[] = [];
  private running: Promise<void>[] = [];
  private stopped = false;
  private n = 0;

  constructor(private readonly reader: Client, private readonly writer: Client, readonly marker: string, private readonly poleIds: readonly number[]) {}

  private body(key: string) {
    const r = (i: number) => ((this.n * 7919 + i * 104729) % 1000) / 1000;
    const lng = BBOX[0] + r(1) * (BBOX[2] - BBOX[0]);
    const lat = BBOX[1] + r(2) * (BBOX[3] - BBOX[1]);
    return { geometry: { type: 'Point', coordinates: [Number(lng.toFixed(6)), Number(lat.toFixed(6))] }, condition: 'good', note: `${this.marker}${key}` };
  }

  private record(o: Outcome): Outcome {
    this.tally.add(o);
    if (isOk(o)) this.okTimes.push(o.endedAt);
    else if (isClean503(o)) this.downTimes.push(o.endedAt);
    return o;
  }

  async write(): Promise<void> {
    const key = this.retry.shift() ?? faultKey();
    if (!this.keys.has(key)) this.keys.set(key, null);
    const o = this.record(await this.writer.send('/api/poles', { body: this.body(key), key }));
    if (isOk(o)) this.keys.set(key, (o.body as { id: number }).id);
    else this.retry.push(key);
  }

  async read(): Promise<void> {
    const path = this.n % 2 === 0
      ? `/api/poles?bbox=${BBOX.join(',')}&limit=50`
      : `/api/poles/${this.poleIds[this.n % this.poleIds.length]}`;
    this.record(await this.reader.send(path));
  }

  start(workers: number, writeShare = 0.4): void {
    this.stopped = false;
    this.running = Array.from({ length: workers }, async () => {
      while (!this.stopped) {
        this.n++;
        await ((this.n % 10) / 10 < writeShare ? this.write() : this.read());
        await sleep(5);
      }
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all(this.running);
  }

  /** After the fault: every key still unanswered is sent again until it is (as the offline queue would). */
  async drain(maxMs = 30_000): Promise<void> {
    const end = Date.now() + maxMs;
    while (this.retry.length && Date.now() < end) {
      await this.write();
      if (this.retry.length) await sleep(100);
    }
  }

  get unanswered(): number {
    return this.retry.length;
  }

  /** When service came back: the first successful answer at or after `t`. */
  firstOkAfter(t: number): number | null {
    return this.okTimes.find((x) => x >= t) ?? null;
  }

  /** When clients first noticed: the first 503 at or after `t`. */
  first503After(t: number): number | null {
    return this.downTimes.find((x) => x >= t) ?? null;
  }
}

export interface RowCheck {
  checked: number;
  problems: string[];
}

/**
 * Nothing half-written and nothing doubled: each key is exactly one pole, and each pole has
 * its history row and its audit row (all three are written by one transaction).
 */
export async function checkCreatedPoles(q: Queryable, traffic: Traffic): Promise<RowCheck> {
  const res = await q.query<{ note: string; id: number; history: boolean; audit: boolean }>(
    `SELECT p.note, p.id,
            EXISTS (SELECT 1 FROM pole_history h WHERE h.pole_id = p.id AND h.action = 'create') AS history,
            EXISTS (SELECT 1 FROM audit_log a WHERE a.action = 'pole.create' AND a.entity_type = 'pole' AND a.entity_id = p.id::text) AS audit
     FROM poles p WHERE p.note LIKE $1 || '%'`,
    [traffic.marker],
  );
  const problems: string[] = [];
  const byKey = new Map<string, number[]>();
  for (const r of res.rows) {
    const key = r.note.slice(traffic.marker.length);
    byKey.set(key, [...(byKey.get(key) ?? []), r.id]);
    if (!r.history) problems.push(`pole ${r.id} has no history row`);
    if (!r.audit) problems.push(`pole ${r.id} has no audit row`);
  }
  for (const [key, answered] of traffic.keys) {
    const ids = byKey.get(key) ?? [];
    if (ids.length !== 1) problems.push(`key ${key} has ${ids.length} poles`);
    else if (answered !== null && answered !== ids[0]) problems.push(`key ${key} was answered with pole ${answered} but stored as ${ids[0]}`);
  }
  for (const key of byKey.keys()) if (!traffic.keys.has(key)) problems.push(`pole for unknown key ${key}`);
  if (traffic.unanswered) problems.push(`${traffic.unanswered} write(s) never got an answer after the fault`);
  return { checked: res.rows.length, problems };
}

