import { createHash } from 'node:crypto';
import type { Db, Queryable } from '../db/db.types.ts';
import type { Config } from '../config/config.ts';
import { DomainError, notFound, unprocessable } from '../http/errors.ts';
import { parseDay, shanghaiToday } from '../http/dates.ts';
import type { RequestContext } from '../http/request.context.ts';
import { actorLabel, type Principal } from '../auth/principal.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { CalendarService } from '../calendar/calendar.service.ts';
import { addDays, yearOf } from '../calendar/calendar.rules.ts';
import * as repo from './cases.repo.ts';
import * as docs from './cases.documents.repo.ts';
import * as events from './cases.events.repo.ts';
import { polesOf } from './cases.poles.repo.ts';
import * as settingsRepo from './cases.settings.repo.ts';
import { documentUrl } from './cases.detail.ts';
import { FINE_MAX, FINE_MIN, renderDocument, type DocumentFacts } from './cases.documents.ts';
import { documentNumber, type DocumentKind } from './cases.numbering.ts';
import { issueGate, raise } from './cases.transitions.ts';
import { assertVisible } from './cases.visibility.ts';

export type IssueInput =
  | { kind: 'order'; correction_deadline?: string; correction_working_days?: number; correction_required: string }
  | { kind: 'penalty_notice'; proposed_fine: number }
  | { kind: 'decision'; fine_yuan: number };

/** The longest correction period an order may set; a later date is almost always a typo. */
const MAX_DEADLINE_DAYS = 366;

function checkFine(name: string, yuan: number): number {
  if (!Number.isInteger(yuan) || yuan < FINE_MIN || yuan > FINE_MAX) {
    throw unprocessable('fine_out_of_range', `${name} must be whole yuan from ${FINE_MIN} to ${FINE_MAX} (Art. 41); got ${yuan}.`);
  }
  return yuan;
}

const dayOf = (at: Date) => shanghaiToday(at);

/**
 * Issues the documents of a case: the terms are checked, the page is rendered once, numbered
 * per kind per year, and stored with its SHA-256; from then on it is served byte for byte.
 */
export class CaseDocumentService {
  constructor(
    private readonly db: Db,
    private readonly config: Config,
    private readonly calendar: CalendarService,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private async terms(q: Queryable, input: IssueInput, c: repo.CaseRow, today: string): Promise<docs.DocumentTerms> {
    const s = await settingsRepo.read(q);
    switch (input.kind) {
      case 'order': {
        const required = input.correction_required.trim();
        if (!required) throw unprocessable('correction_required', 'Say what must be done (correction_required).');
        if ((input.correction_deadline === undefined) === (input.correction_working_days === undefined)) {
          throw unprocessable('deadline_required', 'Give the correction deadline either as a date (correction_deadline) or as working days (correction_working_days), not both.');
        }
        if (input.correction_working_days !== undefined) {
          const days = input.correction_working_days;
          return { correction_deadline: await this.calendar.addWorkingDays(today, days, q), correction_working_days: days, correction_required: required };
        }
        const deadline = parseDay('correction_deadline', input.correction_deadline!);
        if (deadline <= today) throw unprocessable('deadline_before_issue', `The deadline (${deadline}) must be after the day of issue (${today}).`);
        if (deadline > addDays(today, MAX_DEADLINE_DAYS)) throw unprocessable('deadline_too_far', `The deadline (${deadline}) is more than a year away.`);
        return { correction_deadline: deadline, correction_required: required };
      }
      case 'penalty_notice': {
        const fine = checkFine('proposed_fine', input.proposed_fine);
        return {
          proposed_fine: fine, hearing_available: fine >= s.hearing_threshold, hearing_threshold: s.hearing_threshold,
          statement_days: s.statement_days, hearing_request_days: s.hearing_request_days,
        };
      }
      case 'decision': {
        const fine = checkFine('fine_yuan', input.fine_yuan);
        // Administrative Penalty Law Art. 45: the party's defence may never earn a heavier penalty.
        if (c.proposed_fine !== null && fine > c.proposed_fine) {
          throw unprocessable('fine_above_notice', `The fine (${fine}) may not exceed the ${c.proposed_fine} yuan the notice of intended penalty proposed.`);
        }
        return { fine_yuan: fine, payment_days: s.payment_days };
      }
    }
  }

  /** The facts the later documents recite: the order served, the failed recheck, the notice and the hearing. */
  private async history(q: Queryable, c: repo.CaseRow, kind: DocumentKind): Promise<Pick<DocumentFacts, 'order' | 'notice'>> {
    if (kind === 'order') return {};
    const [all, recheck, requested, held] = await Promise.all([
      docs.documentsOf(q, c.id), events.lastEvent(q, c.id, 'recheck_not_corrected'), events.lastEvent(q, c.id, 'request_hearing'), events.lastEvent(q, c.id, 'hold_hearing'),
    ]);
    const servedOf = (k: DocumentKind) => all.filter((d) => d.kind === k && d.served_on !== null).at(-1);
    const order = servedOf('order');
    if (!order || !recheck) throw new DomainError('history_missing', 409, 'The served order or the failed recheck is missing from this case.');
    const result: Pick<DocumentFacts, 'order' | 'notice'> = {
      order: { number: order.number, servedOn: order.served_on!, deadline: order.terms.correction_deadline!, recheckOn: dayOf(recheck.at), recheckNote: recheck.reason ?? '' },
    };
    const notice = servedOf('penalty_notice');
    if (kind === 'decision' && notice) {
      result.notice = {
        number: notice.number, servedOn: notice.served_on!, statementEndsOn: c.statement_ends_on!, hearingOffered: c.hearing_request_ends_on !== null,
        hearingRequestedOn: requested ? dayOf(requested.at) : null, hearingHeldOn: held ? dayOf(held.at) : null,
      };
    }
    return result;
  }

  async issue(caseId: number, input: IssueInput, ctx: RequestContext) {
    const now = this.now();
    const today = shanghaiToday(now);
    return this.db.tx(async (q) => {
      // Locked like a step, so a document is never issued against a case that is moving.
      const c = await repo.byId(q, caseId, today, true);
      if (!c) throw notFound(`Case ${caseId}`);
      raise(issueGate(input.kind, c, today));
      const terms = await this.terms(q, input, c, today);
      const [poles, history] = await Promise.all([polesOf(q, caseId), this.history(q, c, input.kind)]);
      const year = yearOf(today);
      const number = documentNumber(this.config.cases, input.kind, year, await repo.nextCounter(q, input.kind, year));
      const html = renderDocument({
        config: this.config.cases, kind: input.kind, number, issuedOn: today, caseNumber: c.number, category: c.category,
        description: c.description, foundOn: dayOf(c.created_at), party: c.responsible_org!.legal_name_zh ?? c.responsible_org!.name_zh, poles, terms, ...history,
      });
      const sha256 = createHash('sha256').update(html, 'utf8').digest('hex');
      const by = actorLabel(ctx.principal);
      const id = await docs.insert(q, { caseId, kind: input.kind, number, html, sha256, by, at: now, terms });
      await events.insertEvent(q, { caseId, action: 'issue_document', from: c.state, to: c.state, actor: by, at: now, reason: null, details: { kind: input.kind, number, sha256, terms }, documentId: id });
      await recordAudit(q, ctx, { action: 'case.issue_document', entityType: 'case', entityId: caseId, after: { document_id: id, kind: input.kind, number, sha256, terms } });
      return { id, kind: input.kind, number, sha256, issued_at: now, url: documentUrl(caseId, id) };
    });
  }

  /** The stored bytes of a document, for whoever may see the case (a carrier: only what was served on it). */
  async read(caseId: number, docId: number, p: Principal): Promise<{ bytes: Buffer; sha256: string }> {
    const c = await repo.byId(this.db, caseId, shanghaiToday(this.now()));
    if (!c) throw notFound(`Case ${caseId}`);
    assertVisible(p, c);
    const d = await docs.content(this.db, caseId, docId);
    if (!d || (p.role === 'carrier' && d.served_on === null)) throw notFound(`Document ${docId}`);
    return { bytes: Buffer.from(d.content_html, 'utf8'), sha256: d.sha256 };
  }
}
