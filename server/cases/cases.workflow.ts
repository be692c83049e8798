import type { Db } from '../db/db.types.ts';
import { DomainError, notFound } from '../http/errors.ts';
import { shanghaiToday } from '../http/dates.ts';
import type { RequestContext } from '../http/request.context.ts';
import { actorLabel } from '../auth/principal.ts';
import { recordAudit, recordAuditMany } from '../audit/audit.service.ts';
import type { CalendarService } from '../calendar/calendar.service.ts';
import * as repo from './cases.repo.ts';
import * as docs from './cases.documents.repo.ts';
import * as events from './cases.events.repo.ts';
import { countOfficers } from './cases.officers.repo.ts';
import { caseDetail } from './cases.detail.ts';
import { stepEffects } from './cases.steps.ts';
import { bodyGate, gate, permission, raise, type StepInput } from './cases.transitions.ts';
import { assertVisible } from './cases.visibility.ts';

/**
 * Moves a case one step along the procedure. Everything happens in one transaction with the
 * case row locked: of two concurrent steps on one case, the second waits, finds the version
 * moved on, and gets 409. The order of checks is fixed: existence and visibility (404), the
 * version and whether the move is listed at all (409, whoever asks), who may take the step (403),
 * then the step's rules (422), and only then any write.
 */
export class CaseWorkflow {
  constructor(
    private readonly db: Db,
    private readonly calendar: CalendarService,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async transition(id: number, input: StepInput, ctx: RequestContext) {
    const now = this.now();
    const today = shanghaiToday(now);
    const p = ctx.principal;
    return this.db.tx(async (q) => {
      const c = await repo.byId(q, id, today, true);
      if (!c) throw notFound(`Case ${id}`);
      assertVisible(p, c);
      if (input.version !== c.version) {
        throw new DomainError('case_conflict', 409, `The case changed meanwhile (now version ${c.version}, you sent ${input.version}); reload it and try again.`, { version: c.version, state: c.state });
      }
      const to = await repo.transitionTarget(q, c.state, input.action);
      if (!to) {
        throw new DomainError('transition_not_allowed', 409, `A case that is ${c.state} cannot take the step ${input.action}.`, { state: c.state, action: input.action });
      }
      raise(permission(p, input.action, c));
      raise(bodyGate(input, c.state));
      const [officers, documents] = await Promise.all([countOfficers(q, id), docs.documentsOf(q, id)]);
      raise(gate(input.action, { c, today, officers, documents }));

      const step = await stepEffects({ q, c, to, input, today, now, calendar: this.calendar });
      const by = actorLabel(p);
      if (step.served) await docs.recordService(q, step.served.id, step.served.service, by);
      const version = await repo.update(q, id, { ...step.changes, state: to }, now);
      const reason = input.reason?.trim() || null;
      await events.insertEvent(q, { caseId: id, action: input.action, from: c.state, to, actor: by, at: now, reason, details: step.details, documentId: step.documentId });
      await recordAudit(q, ctx, {
        action: `case.${input.action}`, entityType: 'case', entityId: id,
        before: { state: c.state, version: c.version }, after: { state: to, version, reason, ...step.details },
      });
      return caseDetail(q, (await repo.byId(q, id, today))!, p, today);
    });
  }

  /** The scheduled step: served decisions unpaid after their payment day become overdue. Safe to repeat. */
  async markOverdue(ctx: RequestContext): Promise<{ overdue: number }> {
    const now = this.now();
    const today = shanghaiToday(now);
    return this.db.tx(async (q) => {
      const rows = await events.markOverdue(q, today, now, actorLabel(ctx.principal));
      await recordAuditMany(q, ctx, rows.map((r) => ({
        action: 'case.mark_overdue', entityType: 'case', entityId: r.id,
        before: { state: 'decision_served', version: r.version - 1 }, after: { state: 'overdue', version: r.version, payment_due_on: r.payment_due_on },
      })));
      return { overdue: rows.length };
    });
  }
}
