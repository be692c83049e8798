import type { Db } from '../db/db.types.ts';
import type { Config } from '../config/config.ts';
import { systemPrincipal } from '../auth/principal.ts';
import { NoticeService } from '../notices/notices.service.ts';
import { CalendarService } from '../calendar/calendar.service.ts';
import { CaseWorkflow } from '../cases/cases.workflow.ts';
import { IdempotencyService } from '../idempotency/idempotency.service.ts';
import { ImportService } from '../imports/imports.service.ts';
import { PhotoStore } from '../photos/photos.store.ts';
import { sweepOrphanPhotos, type SweepResult } from '../photos/photos.sweep.ts';

export interface JobsResult {
  noticesLapsed: number;
  casesOverdue: number;
  idempotencyKeysPurged: number;
  importPreviewsPurged: number;
  photos: SweepResult;
}

/**
 * The server's own timer for time-driven rules and housekeeping. Every job is idempotent,
 * so running on several servers, twice in a row, or after a long stop changes nothing it should not.
 */
export async function runJobs(db: Db, config: Config, now?: () => Date): Promise<JobsResult> {
  const job = (name: string) => ({ principal: systemPrincipal(name), requestId: null, clientAddr: null });
  const r = await new NoticeService(db, config, now).lapseDue(job('job:notices'));
  const cases = await new CaseWorkflow(db, new CalendarService(db, now), now).markOverdue(job('job:cases'));
  const purged = await new IdempotencyService(db, { ttlHours: config.idempotencyTtlHours }).purgeExpired();
  const importPreviewsPurged = await new ImportService(db, config).purgeStalePreviews(now?.() ?? new Date(), job('job:imports'));
  const photos = await sweepOrphanPhotos(db, new PhotoStore(config.photos.dir), config.photoOrphanAgeMinutes, (now?.() ?? new Date()).getTime());
  return { noticesLapsed: r.lapsed, casesOverdue: cases.overdue, idempotencyKeysPurged: purged, importPreviewsPurged, photos };
}

export function describeJobs(r: JobsResult): string[] {
  const lines: string[] = [];
  if (r.noticesLapsed) lines.push(`${r.noticesLapsed} orphan poles presumed abandoned (notice period ended)`);
  if (r.casesOverdue) lines.push(`${r.casesOverdue} cases overdue (payment period ended unpaid)`);
  if (r.idempotencyKeysPurged) lines.push(`${r.idempotencyKeysPurged} expired idempotency keys purged`);
  if (r.importPreviewsPurged) lines.push(`${r.importPreviewsPurged} uncommitted import dry runs deleted`);
  const p = r.photos;
  if (p.orphansRemoved || p.tempsRemoved) {
    lines.push(`photo store: ${p.scanned} photos, ${p.judged} old enough to judge, ${p.orphansRemoved} orphaned files and ${p.tempsRemoved} temporary files removed`);
  }
  return lines;
}

export function startScheduler(db: Db, config: Config, log: (msg: string) => void): () => void {
  if (config.jobsIntervalMs === 0) return () => undefined;
  const tick = () =>
    runJobs(db, config)
      .then((r) => describeJobs(r).forEach((line) => log(`jobs: ${line}`)))
      .catch((err: Error) => log(`jobs: failed, will retry: ${err.message}`));
  void tick();
  const timer = setInterval(tick, config.jobsIntervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
