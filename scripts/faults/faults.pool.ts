import { PgDb } from '../../server/db/pg.db.ts';
import { Client, Tally, isOk, sleep } from './faults.client.ts';
import { resultOf, type FaultEnv, type ScenarioResult } from './faults.report.ts';

const LIST = '/api/poles?bbox=115.97,36.44,116.0,36.47&limit=50';

/**
 * (c) Every pooled connection gets stuck: another session holds an ACCESS EXCLUSIVE lock on
 * poles, so each read blocks in PostgreSQL until the statement timeout, and the requests
 * behind them wait for a free connection until the acquire timeout. All of them must be
 * answered 503 within those limits, liveness must keep answering, and the moment the lock
 * goes the service is back.
 */
export async function exhaustPool(env: FaultEnv): Promise<ScenarioResult> {
  const locker = await PgDb.open({ connectionString: env.databaseUrl, poolMax: 1, applicationName: 'pw_faults_locker' });
  const tally = new Tally();
  const problems: string[] = [];
  const notes: string[] = [];
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  let locked = false;
  const holder = locker.tx(async (q) => {
    await q.query('LOCK TABLE poles IN ACCESS EXCLUSIVE MODE');
    locked = true;
    await gate;
  });
  let recoveryMs: number | null = null;
  try {
    while (!locked) await sleep(20);
    const client = new Client(env.server.base);
    const liveTimes: number[] = [];
    let probing = true;
    const prober = (async () => {
      while (probing) {
        const o = tally.add(await client.send('/api/health/live', { timeoutMs: 5000 }));
        liveTimes.push(isOk(o) ? o.endedAt - o.startedAt : Infinity);
        await sleep(100);
      }
    })();
    const reads = await Promise.all(Array.from({ length: 16 }, () => client.send(LIST, { timeoutMs: 30_000 })));
    probing = false;
    await prober;
    const limit = env.statementTimeoutMs + env.connectTimeoutMs + 1500;
    const slowest = Math.max(...reads.map((o) => o.endedAt - o.startedAt));
    for (const o of reads) {
      tally.add(o);
      if (isOk(o)) problems.push('a read got through a table locked ACCESS EXCLUSIVE');
    }
    if (slowest > limit) problems.push(`the slowest answer took ${slowest} ms (limit ${limit} ms: statement + acquire timeout)`);
    const liveWorst = Math.max(...liveTimes);
    if (!(liveWorst < 1000)) problems.push(`liveness answered in ${liveWorst} ms at worst while the pool was stuck`);
    const codes = [...new Set(reads.map((o) => o.code))].join(', ');
    notes.push(`16 reads against the locked table: answered 503 (${codes}) within ${slowest} ms at worst (limit ${limit} ms)`);
    notes.push(`liveness answered ${liveTimes.length} probes during the jam, ${liveWorst} ms at worst`);
    const freed = Date.now();
    release();
    await holder;
    for (let i = 0; i < 50 && recoveryMs === null; i++) {
      const o = tally.add(await client.send(LIST));
      if (isOk(o)) recoveryMs = o.endedAt - freed;
      else await sleep(100);
    }
    if (recoveryMs === null) problems.push('reads did not come back after the lock was released');
    if (!env.server.alive) problems.push(`the server process died:\n${env.server.tail()}`);
  } finally {
    release();
    await holder.catch(() => undefined);
    await locker.close();
  }
  return resultOf('(c) pool exhausted by locks', tally, 0, recoveryMs, problems, notes);
}
