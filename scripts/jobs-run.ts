/** `npm run jobs:run [-- --now 2026-12-31T00:00:00Z]`: runs the scheduled jobs once. */
import { parseArgs } from 'node:util';
import { loadConfig } from '../server/config/config.ts';
import { openDb } from '../server/db/db.open.ts';
import { runJobs } from '../server/jobs/jobs.scheduler.ts';

const { values } = parseArgs({ options: { now: { type: 'string' } } });
const at = values.now ? new Date(values.now) : undefined;
if (at && Number.isNaN(at.getTime())) {
  console.error('--now must be an ISO time, e.g. 2026-12-31T00:00:00Z');
  process.exit(2);
}
const config = loadConfig(process.env);
const db = await openDb({ databaseUrl: config.databaseUrl, pgliteDataDir: config.pgliteDataDir });
try {
  const r = await runJobs(db, config, at && (() => at));
  console.log(`jobs: ${r.noticesLapsed} notices lapsed into presumed abandonment, ${r.casesOverdue} cases overdue, ${r.idempotencyKeysPurged} idempotency keys purged, ${r.importPreviewsPurged} import dry runs deleted, ` +
    `${r.photos.orphansRemoved} orphaned photo files and ${r.photos.tempsRemoved} temporary files removed (${r.photos.scanned} photos in the store)`);
} catch (err) {
  console.error(`jobs failed: ${(err as Error).message}`);
  process.exitCode = 1;
} finally {
  await db.close();
}
