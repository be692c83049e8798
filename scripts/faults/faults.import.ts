import { fixturePassword } from '../../fixtures/users.load.ts';
import { Client, Tally, isOk, sleep } from './faults.client.ts';
import { resultOf, type FaultEnv, type ScenarioResult } from './faults.report.ts';

const ROWS = Number(process.env.FAULTS_IMPORT_ROWS ?? 30_000);
const PREFIX = 'FLT-D-';

/** A survey of ROWS new poles spread over central Liaocheng, as a CSV an officer would upload. */
function survey(): Buffer {
  const lines = ['编号,经度,纬度,状况,备注'];
  for (let i = 0; i < ROWS; i++) {
    const lng = 115.97 + ((i * 7919) % 10000) / 10000 * 0.03;
    const lat = 36.44 + ((i * 104729) % 10000) / 10000 * 0.03;
    lines.push(`${PREFIX}${String(i).padStart(6, '0')},${lng.toFixed(6)},${lat.toFixed(6)},完好,fault test`);
  }
  return Buffer.from(lines.join('\n'));
}

async function tallies(env: FaultEnv, importId: number) {
  // Ids first, then counts by id: a LIKE joined to the whole audit log was slow enough on a
  // busy machine to trip the client's own read timeout.
  const ids = (await env.db.query<{ id: number }>(`SELECT id FROM poles WHERE code LIKE $1 || '%'`, [PREFIX])).rows.map((r) => r.id);
  const r = await env.db.query<{ history: number; audit: number; status: string }>(
    `SELECT (SELECT count(*)::int FROM pole_history WHERE pole_id = any($1::int[])) AS history,
            (SELECT count(*)::int FROM audit_log WHERE entity_type = 'pole' AND action = 'pole.import' AND entity_id = any($2::text[])) AS audit,
            (SELECT status FROM imports WHERE id = $3) AS status`,
    [ids, ids.map(String), importId]);
  return { poles: ids.length, ...r.rows[0]! };
}

/**
 * (d) The server is killed (SIGKILL, no goodbye) while it commits a large import. The import
 * is one transaction: afterwards there must be all of its rows or none — never a part — and
 * committing it again after the restart must finish the job.
 */
export async function killDuringImport(env: FaultEnv): Promise<ScenarioResult> {
  const { server, appName } = env;
  const tally = new Tally();
  const problems: string[] = [];
  const notes: string[] = [];
  let rowsChecked = 0;
  let recoveryMs: number | null = null;
  try {
    const officer = new Client(server.base);
    await officer.login('officer', fixturePassword('officer'));
    const preview = tally.add(await officer.send('/api/imports/preview', { multipart: { field: 'file', filename: 'survey.csv', bytes: survey(), type: 'text/csv' }, timeoutMs: 120_000 }));
    if (!isOk(preview)) throw new Error(`the dry run failed: ${preview.status} ${JSON.stringify(preview.body).slice(0, 300)}`);
    const importId = (preview.body as { import_id: number }).import_id;
    const commit = officer.send(`/api/imports/${importId}/commit`, { body: {}, timeoutMs: 120_000 });
    // Kill once the commit transaction has been running a moment (it writes in chunks of 5,000).
    const busy = `SELECT 1 FROM pg_stat_activity WHERE application_name = $1 AND xact_start < clock_timestamp() - interval '400 milliseconds'`;
    for (let i = 0; i < 400 && (await env.db.query(busy, [appName])).rows.length === 0; i++) await sleep(25);
    await server.stop('SIGKILL');
    const killedAt = Date.now();
    const cut = await commit;
    if (isOk(cut)) notes.push('the commit finished before the kill landed; the check below still holds');
    else notes.push(`the commit request was cut by SIGKILL (${cut.failure ?? cut.status}), as intended`);
    // PostgreSQL rolls the orphaned transaction back once it notices the client is gone; a
    // backend busy inside a long INSERT only notices at its next write to the socket, so the
    // check ends it the way an operator (or tcp keepalive) would, then waits for the rollback.
    await env.db.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1', [appName]);
    for (let i = 0; i < 300 && (await env.db.query('SELECT 1 FROM pg_stat_activity WHERE application_name = $1', [appName])).rows.length; i++) await sleep(50);
    const after = await tallies(env, importId);
    const none = after.poles === 0 && after.history === 0 && after.audit === 0 && after.status === 'previewed';
    const all = after.poles === ROWS && after.history === ROWS && after.audit === ROWS && after.status === 'committed';
    notes.push(`after the kill: ${after.poles} poles, ${after.history} history rows, ${after.audit} audit rows, import ${after.status} — ${none ? 'none' : all ? 'all' : 'PART'} of ${ROWS}`);
    if (!none && !all) problems.push('the killed import left part of its rows behind');

    await server.start();
    recoveryMs = Date.now() - killedAt;
    await officer.login('officer', fixturePassword('officer'));
    const again = await officer.send(`/api/imports/${importId}/commit`, { body: {}, timeoutMs: 120_000 });
    // After a commit that did finish, "already committed" (409) is the right answer, not an error.
    const expected = all ? 409 : 200;
    if (again.status === expected) tally.expected(again);
    else problems.push(`committing again answered ${tally.add(again).status} ${again.code ?? ''} (expected ${expected})`);
    const final = await tallies(env, importId);
    rowsChecked = final.poles;
    if (final.poles !== ROWS || final.history !== ROWS || final.audit !== ROWS || final.status !== 'committed') {
      problems.push(`after committing again: ${final.poles} poles, ${final.history} history, ${final.audit} audit rows, import ${final.status}`);
    }
  } finally {
    // The server is left running (restarted) for whatever comes next.
    if (!server.alive) await server.start().catch(() => undefined);
  }
  notes.push(`recovery = SIGKILL to the restarted server answering (start-up included)`);
  return resultOf('(d) SIGKILL during import commit', tally, rowsChecked, recoveryMs, problems, notes);
}
