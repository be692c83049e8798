import type { Db } from '../db/db.types.ts';
import { unprocessable } from '../http/errors.ts';
import type { RequestContext } from '../http/request.context.ts';
import { actorLabel } from '../auth/principal.ts';
import { recordAudit } from '../audit/audit.service.ts';
import * as repo from './cases.settings.repo.ts';

/** The periods and the hearing threshold, one row for the whole city, changed by an admin. */
export class CaseSettingsService {
  constructor(
    private readonly db: Db,
    private readonly now: () => Date = () => new Date(),
  ) {}

  get() {
    return repo.read(this.db);
  }

  async patch(changes: repo.SettingsChanges, ctx: RequestContext) {
    if (Object.values(changes).every((v) => v === undefined)) throw unprocessable('nothing_to_change', 'Name at least one setting to change.');
    return this.db.tx(async (q) => {
      const before = await repo.read(q);
      await repo.update(q, changes, actorLabel(ctx.principal), this.now());
      const after = await repo.read(q);
      await recordAudit(q, ctx, { action: 'case_settings.update', entityType: 'case_settings', entityId: null, before: settingsOnly(before), after: settingsOnly(after) });
      return after;
    });
  }
}

export const settingsOnly = (s: repo.CaseSettings): repo.CaseSettings => ({
  statement_days: s.statement_days, hearing_request_days: s.hearing_request_days, payment_days: s.payment_days, hearing_threshold: s.hearing_threshold,
});
