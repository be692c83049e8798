import { fixturePassword } from '../../fixtures/users.load.ts';
import { Client, Tally, faultKey, isOk, sleep, type Outcome } from './faults.client.ts';
import { resultOf, type FaultEnv, type ScenarioResult } from './faults.report.ts';

const body = (key: string) => ({ geometry: { type: 'Point', coordinates: [115.986, 36.456] }, condition: 'broken', note: `fault-e:${key}` });

/**
 * (e) A create sent five times with one key — one after another, then five copies at once —
 * over real HTTP. Exactly one pole per key; every later answer is the first one replayed.
 */
export async function replayCreate(env: FaultEnv): Promise<ScenarioResult> {
  const officer = new Client(env.server.base);
  await officer.login('officer', fixturePassword('officer'));
  const tally = new Tally();
  const problems: string[] = [];
  const send = (key: string) => officer.send('/api/poles', { body: body(key), key });

  const seqKey = faultKey();
  const seq: Outcome[] = [];
  for (let i = 0; i < 5; i++) seq.push(tally.add(await send(seqKey)));
  if (!seq.every(isOk)) problems.push(`sequential copies answered ${seq.map((o) => o.status).join(', ')}`);
  if (seq.filter((o) => o.replayed).length !== 4) problems.push('sequential copies: expected the last four to be replays');
  if (new Set(seq.map((o) => JSON.stringify(o.body))).size !== 1) problems.push('sequential copies: the replayed bodies differ from the first');

  const concKey = faultKey();
  const conc = await Promise.all(Array.from({ length: 5 }, () => send(concKey)));
  let inFlight = 0;
  for (const o of conc) {
    // A copy overlapping the first is told to come back (409 + Retry-After): right, not an error.
    if (o.status === 409 && o.code === 'idempotency_in_flight' && o.retryAfter) {
      tally.expected(o);
      inFlight++;
    } else tally.add(o);
  }
  if (conc.filter((o) => isOk(o) && !o.replayed).length !== 1) problems.push(`concurrent copies: ${conc.map((o) => `${o.status}${o.replayed ? ' (replay)' : ''}`).join(', ')}`);
  await sleep(200);
  const later = tally.add(await send(concKey));
  if (!later.replayed) problems.push('a copy after the others finished was not a replay');

  const rows = await env.db.query<{ note: string; n: number }>(
    "SELECT note, count(*)::int AS n FROM poles WHERE note = any($1::text[]) GROUP BY note", [[`fault-e:${seqKey}`, `fault-e:${concKey}`]]);
  const counts = rows.rows.map((r) => r.n);
  if (counts.length !== 2 || counts.some((n) => n !== 1)) problems.push(`poles per key: ${JSON.stringify(rows.rows)}`);
  return resultOf('(e) one create sent 5× with one key', tally, counts.reduce((a, b) => a + b, 0), null, problems, [
    `sequential: 1 write + 4 replays; concurrent: 1 write, ${inFlight} told "in flight", ${5 - 1 - inFlight} replays; one more copy afterwards replayed`,
  ]);
}
