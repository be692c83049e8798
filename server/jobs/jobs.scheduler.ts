import type { Db } from '../db/db.types.ts';
import type { Config } from '../config/config.ts';
import { systemPrincipal } from '../auth/principal.ts';
import { NoticeService } from '../notices/notices.service.ts';

/**
 * The server's own timer for time-driven rules. Every job is idempotent, so running on
 * several servers, twice in a row, or after a long stop changes nothing it should not.
 */
export async function runJobs(db: Db, config: Config, now?: () => Date): Promise<{ noticesLapsed: number }> {
  const ctx = { principal: systemPrincipal('job:notices'), requestId: null, clientAddr: null };
  const r = await new NoticeService(db, config, now).lapseDue(ctx);
  return { noticesLapsed: r.lapsed };
}

export function startScheduler(db: Db, config: Config, log: (msg: string) => void): () => void {
  if (config.jobsIntervalMs === 0) return () => undefined;
  const tick = () =>
    runJobs(db, config)
      .then((r) => r.noticesLapsed && log(`jobs: ${r.noticesLapsed} orphan poles presumed abandoned (notice period ended)`))
      .catch((err: Error) => log(`jobs: failed, will retry: ${err.message}`));
  void tick();
  const timer = setInterval(tick, config.jobsIntervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
