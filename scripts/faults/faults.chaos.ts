import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fixturePassword } from '../../fixtures/users.load.ts';
import { Client, sleep } from './faults.client.ts';
import { Traffic, checkCreatedPoles } from './faults.traffic.ts';
import { resultOf, type FaultEnv, type ScenarioResult } from './faults.report.ts';

const run = promisify(execFile);

async function trafficFor(env: FaultEnv, marker: string): Promise<Traffic> {
  const officer = new Client(env.server.base);
  await officer.login('officer', fixturePassword('officer'));
  return new Traffic(new Client(env.server.base), officer, marker, env.poleIds);
}

async function terminateServerSessions(env: FaultEnv): Promise<number> {
  const res = await env.db.query<{ n: number }>(
    'SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE application_name = $1', [env.appName]);
  return res.rows[0]!.n;
}

/** Common ending: the server must still be up, and no key may be lost, doubled or half-written. */
async function verdict(env: FaultEnv, name: string, traffic: Traffic, recoveryMs: number | null, recoveryLimitMs: number, extra: string[], notes: string[]): Promise<ScenarioResult> {
  await traffic.drain();
  const rows = await checkCreatedPoles(env.db, traffic);
  const problems = [...extra, ...rows.problems];
  if (!env.server.alive) problems.push(`the server process died:\n${env.server.tail()}`);
  if (recoveryMs === null) problems.push('no request succeeded after the fault');
  else if (recoveryMs > recoveryLimitMs) problems.push(`service took ${recoveryMs} ms to come back (limit ${recoveryLimitMs} ms)`);
  notes.push(`${traffic.keys.size} creating writes (Idempotency-Key), each checked for exactly one pole with its history and audit rows`);
  return resultOf(name, traffic.tally, rows.checked, recoveryMs, problems, notes);
}

/** (a) The server's database sessions are killed (pg_terminate_backend) again and again under load. */
export async function terminateBackends(env: FaultEnv): Promise<ScenarioResult> {
  const traffic = await trafficFor(env, 'fault-a:');
  traffic.start(8);
  await sleep(1500);
  let killed = 0;
  let lastKill = 0;
  for (let i = 0; i < 4; i++) {
    killed += await terminateServerSessions(env);
    lastKill = Date.now();
    await sleep(1200);
  }
  await sleep(1000);
  await traffic.stop();
  const back = traffic.firstOkAfter(lastKill);
  return verdict(env, '(a) backends terminated', traffic, back === null ? null : back - lastKill, 5000,
    killed === 0 ? ['no server session was found to terminate'] : [], [`${killed} server sessions terminated in 4 rounds`]);
}

async function restartCluster(env: FaultEnv): Promise<void> {
  const [version, name] = env.cluster;
  // As .ci/run starts it: without systemd in a container the redirect must be skipped.
  try {
    await run('pg_ctlcluster', ['--skip-systemctl-redirect', version, name, 'restart'], { timeout: 120_000 });
  } catch {
    await run('pg_ctlcluster', [version, name, 'restart'], { timeout: 120_000 });
  }
}

/** (b) PostgreSQL itself restarts under load: outage, then the pool must find its way back alone. */
export async function restartPostgres(env: FaultEnv): Promise<ScenarioResult> {
  const traffic = await trafficFor(env, 'fault-b:');
  const probe = new Client(env.server.base);
  const readiness: number[] = [];
  let probing = true;
  const prober = (async () => {
    while (probing) {
      const s = (await probe.send('/api/health/ready', { timeoutMs: 5000 })).status;
      if (readiness.at(-1) !== s) readiness.push(s);
      await sleep(100);
    }
  })();
  traffic.start(6);
  await sleep(2000);
  const t0 = Date.now();
  await restartCluster(env);
  const restartMs = Date.now() - t0;
  await sleep(3000);
  await traffic.stop();
  probing = false;
  await prober;
  // Recovery: from PostgreSQL accepting connections again (the restart command returned) to
  // the server's first successful answer — the pool's own work. The whole outage is noted too.
  const up = t0 + restartMs;
  const back = traffic.firstOkAfter(up);
  const down = traffic.first503After(t0);
  const extra: string[] = [];
  if (!readiness.includes(503) || readiness.at(-1) !== 200) extra.push(`readiness went ${readiness.join(' → ')}; expected 503 during the restart and 200 after`);
  return verdict(env, '(b) PostgreSQL restarted', traffic, back === null ? null : Math.max(0, back - up), 5000, extra, [
    `pg_ctlcluster restart took ${(restartMs / 1000).toFixed(2)} s; clients saw 503s for ${down === null || back === null ? '?' : ((back - down) / 1000).toFixed(2)} s in all`,
    `readiness: ${readiness.join(' → ')}`,
  ]);
}
