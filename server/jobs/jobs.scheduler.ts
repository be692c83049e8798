import type { Db } from '../db/db.types.ts';
import type { Config } from '../config/config.ts';
import { systemPrincipal } from '../auth/principal.ts';
import { NoticeService } from '../notices/notices.service.ts';
import { CalendarService } from '../calendar/calendar.service.ts';
import { CaseWorkflow } from '../cases/cases.workflow.ts';

/**
 * The server's own timer for time-driven rules. Every job is idempotent, so running on
 * several servers, twice in a row, or after a long stop changes nothing it should not.
 */
export async function runJobs(db: Db, config: Config, now?: () => Date): Promise<{ noticesLapsed: number; casesOverdue: number }> {
  const job = (name: string) => ({ principal: systemPrincipal(name), requestId: null, clientAddr: null });
  const notices = await new NoticeService(db, config, now).lapseDue(job('job:notices'));
  const cases = await new CaseWorkflow(db, new CalendarService(db, now), now).markOverdue(job('job:cases'));
  return { noticesLapsed: notices.lapsed, casesOverdue: cases.overdue };
}

export function startScheduler(db: Db, config: Config, log: (msg: string) => void): () => void {
  if (config.jobsIntervalMs === 0) return () => undefined;
  const tick = () =>
    runJobs(db, config)
      .then((r) => {
        if (r.noticesLapsed) log(`jobs: ${r.noticesLapsed} orphan poles presumed abandoned (notice period ended)`);
        if (r.casesOverdue) log(`jobs: ${r.casesOverdue} cases overdue (payment period ended unpaid)`);
      })
      .catch((err: Error) => log(`jobs: failed, will retry: ${err.message}`));
  void tick();
  const timer = setInterval(tick, config.jobsIntervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
