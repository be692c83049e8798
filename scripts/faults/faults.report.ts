import type { PgDb } from '../../server/db/pg.db.ts';
import type { Tally } from './faults.client.ts';
import type { ServerProcess } from './faults.server.ts';

/** What every scenario gets: the database (as an operator would see it), the server, and how to reach both. */
export interface FaultEnv {
  /** A connection to the fault-test database from outside the server (checks, locks, pg_terminate_backend). */
  db: PgDb;
  databaseUrl: string;
  server: ServerProcess;
  /** The environment the server was started with, for scenarios that start their own. */
  serverEnv: Record<string, string>;
  appName: string;
  statementTimeoutMs: number;
  connectTimeoutMs: number;
  poleIds: number[];
  /** `pg_ctlcluster` arguments of the cluster to restart, e.g. ['15', 'main']. */
  cluster: [string, string];
  skipRestart: boolean;
}

export interface ScenarioResult {
  name: string;
  sent: number;
  ok: number;
  unavailable: number;
  other: number;
  rowsChecked: number;
  recoveryMs: number | null;
  status: 'PASS' | 'FAIL' | 'SKIP';
  notes: string[];
}

export function resultOf(name: string, tally: Tally, rowsChecked: number, recoveryMs: number | null, problems: string[], notes: string[] = []): ScenarioResult {
  const all = [...problems, ...tally.samples.map((s) => `unexpected answer: ${s}`)];
  return {
    name, sent: tally.sent, ok: tally.ok, unavailable: tally.unavailable, other: tally.other, rowsChecked, recoveryMs,
    status: all.length === 0 && tally.other === 0 ? 'PASS' : 'FAIL',
    notes: [...notes, ...all],
  };
}

export const failed = (name: string, err: unknown): ScenarioResult => ({
  name, sent: 0, ok: 0, unavailable: 0, other: 0, rowsChecked: 0, recoveryMs: null, status: 'FAIL',
  notes: [`the scenario itself failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}`],
});

export function printReport(results: ScenarioResult[]): void {
  const head = ['scenario', 'sent', 'ok', '503', 'other errors', 'rows checked', 'recovery', 'result'];
  const rows = results.map((r) => [
    r.name, String(r.sent), String(r.ok), String(r.unavailable), String(r.other), String(r.rowsChecked),
    r.recoveryMs === null ? '–' : `${(r.recoveryMs / 1000).toFixed(2)} s`, r.status,
  ]);
  const width = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(width[i]!)).join(' | ')} |`;
  console.log(`\n${line(head)}\n|${width.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const r of rows) console.log(line(r));
  for (const r of results) {
    if (r.notes.length) console.log(`\n${r.name}:\n${r.notes.map((n) => `  - ${n}`).join('\n')}`);
  }
}
