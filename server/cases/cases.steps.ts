/**
 * What each step writes once its rules have passed: the case columns it sets, the document
 * whose service it records, and the details kept in its event row. Periods are computed here
 * from the terms printed on the document that was served, so the case never promises the
 * party anything its paper did not.
 */
import type { Queryable } from '../db/db.types.ts';
import { DomainError, unprocessable } from '../http/errors.ts';
import { parseDay } from '../http/dates.ts';
import type { CalendarService } from '../calendar/calendar.service.ts';
import { addDays } from '../calendar/calendar.rules.ts';
import type { CaseChanges, CaseRow, CaseState } from './cases.repo.ts';
import * as docs from './cases.documents.repo.ts';
import * as events from './cases.events.repo.ts';
import type { DocumentKind } from './cases.numbering.ts';
import type { StepInput } from './cases.transitions.ts';

export interface StepContext {
  q: Queryable;
  c: CaseRow;
  to: CaseState;
  input: StepInput;
  today: string;
  now: Date;
  calendar: CalendarService;
}

export interface StepResult {
  changes: CaseChanges;
  details: Record<string, unknown>;
  documentId: number | null;
  /** The document whose service this step records. */
  served?: { id: number; service: docs.Service };
}

/** The named document, which must be this case's, of the right kind, and not yet served. */
async function unservedDocument(s: StepContext, id: number, kind: DocumentKind): Promise<docs.CaseDocument> {
  const d = await docs.byId(s.q, s.c.id, id);
  if (!d || d.kind !== kind) throw unprocessable('wrong_document', `Document ${id} is not a ${kind.replace('_', ' ')} of this case.`);
  if (d.served_on !== null) throw unprocessable('document_already_served', `Document ${d.number} was already served on ${d.served_on}.`);
  return d;
}

/** A service date is a real day, not in the future, and not before the document was issued. */
function checkService(s: StepContext, d: docs.CaseDocument): docs.Service {
  const service = s.input.service!;
  const day = parseDay('service.served_on', service.served_on);
  if (day > s.today) throw unprocessable('served_in_future', `served_on (${day}) is after today (${s.today}).`);
  if (day < d.issued_on) throw unprocessable('served_before_issue', `served_on (${day}) is before document ${d.number} was issued (${d.issued_on}).`);
  return { ...service, served_on: day };
}

const serviceDetails = (d: docs.CaseDocument, sv: docs.Service) => ({
  document: d.number, method: sv.method, served_on: sv.served_on, ...(sv.served_to ? { served_to: sv.served_to } : {}), ...(sv.note ? { note: sv.note } : {}),
});

async function serveOrder(s: StepContext): Promise<StepResult> {
  const d = await unservedDocument(s, s.input.document_id!, 'order');
  const sv = checkService(s, d);
  const deadline = d.terms.correction_deadline!;
  if (sv.served_on >= deadline) {
    throw unprocessable('deadline_before_service', `The order's deadline (${deadline}) is not after its service (${sv.served_on}); the party would have no time to correct. Issue a new order.`);
  }
  return {
    changes: { correction_deadline: deadline, correction_required: d.terms.correction_required! },
    details: { ...serviceDetails(d, sv), correction_deadline: deadline },
    documentId: d.id,
    served: { id: d.id, service: sv },
  };
}

async function serveNotice(s: StepContext): Promise<StepResult> {
  const d = await unservedDocument(s, s.input.document_id!, 'penalty_notice');
  const sv = checkService(s, d);
  const t = d.terms;
  const statementEnds = await s.calendar.addWorkingDays(sv.served_on, t.statement_days!, s.q);
  const hearingEnds = t.hearing_available ? await s.calendar.addWorkingDays(sv.served_on, t.hearing_request_days!, s.q) : null;
  return {
    changes: { notice_served_on: sv.served_on, proposed_fine: t.proposed_fine!, statement_ends_on: statementEnds, hearing_request_ends_on: hearingEnds },
    details: { ...serviceDetails(d, sv), proposed_fine: t.proposed_fine, statement_ends_on: statementEnds, hearing_request_ends_on: hearingEnds },
    documentId: d.id,
    served: { id: d.id, service: sv },
  };
}

async function decide(s: StepContext): Promise<StepResult> {
  const d = await docs.byId(s.q, s.c.id, s.input.document_id!);
  if (!d || d.kind !== 'decision') throw unprocessable('wrong_document', `Document ${s.input.document_id} is not a penalty decision of this case.`);
  return { changes: { fine_yuan: d.terms.fine_yuan! }, details: { document: d.number, fine_yuan: d.terms.fine_yuan }, documentId: d.id };
}

async function serveDecision(s: StepContext): Promise<StepResult> {
  const decided = await events.lastEvent(s.q, s.c.id, 'decide');
  const id = decided?.document_id;
  if (!id) throw new DomainError('decision_missing', 409, 'No decision document is recorded for this case.');
  if (s.input.document_id !== undefined && s.input.document_id !== id) {
    throw unprocessable('wrong_document', `The decision of this case is document ${id}; serve that one.`);
  }
  const d = await unservedDocument(s, id, 'decision');
  const sv = checkService(s, d);
  // Payment is due within calendar days (Administrative Penalty Law Art. 67), not working days.
  const due = addDays(sv.served_on, d.terms.payment_days!);
  return {
    changes: { decision_served_on: sv.served_on, payment_due_on: due },
    details: { ...serviceDetails(d, sv), payment_due_on: due },
    documentId: d.id,
    served: { id: d.id, service: sv },
  };
}

function recordPayment(s: StepContext): StepResult {
  const paid = parseDay('paid_on', s.input.paid_on!);
  if (paid > s.today) throw unprocessable('paid_in_future', `paid_on (${paid}) is after today (${s.today}).`);
  if (s.c.decision_served_on && paid < s.c.decision_served_on) {
    throw unprocessable('paid_before_decision', `paid_on (${paid}) is before the decision was served (${s.c.decision_served_on}).`);
  }
  const receipt = s.input.receipt_no!.trim();
  return { changes: { paid_on: paid, receipt_no: receipt }, details: { paid_on: paid, receipt_no: receipt, fine_yuan: s.c.fine_yuan }, documentId: null };
}

const plain = (changes: CaseChanges = {}, details: Record<string, unknown> = {}): StepResult => ({ changes, details, documentId: null });

export async function stepEffects(s: StepContext): Promise<StepResult> {
  switch (s.input.action) {
    case 'serve_order': return serveOrder(s);
    case 'submit_correction': return plain({ correction_submitted_at: s.now });
    case 'recheck_corrected': return plain({ outcome: 'corrected', closed_at: s.now }, { rechecked_on: s.today });
    case 'recheck_not_corrected': return plain({}, { rechecked_on: s.today, correction_deadline: s.c.correction_deadline });
    case 'serve_notice': return serveNotice(s);
    case 'request_hearing': return plain({}, { requested_on: s.today });
    case 'hold_hearing': return plain({}, { held_on: s.today });
    case 'decide': return decide(s);
    case 'serve_decision': return serveDecision(s);
    case 'record_payment': return recordPayment(s);
    case 'close': return plain({ outcome: s.c.state === 'paid' ? 'paid' : 'city_removed', closed_at: s.now });
    case 'withdraw': return plain({ outcome: 'withdrawn', closed_at: s.now });
    default: return plain();
  }
}
