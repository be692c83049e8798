/**
 * The rules of each step of the procedure, apart from the moves themselves (those are rows of
 * case_transitions, enforced by a trigger). Pure functions of the case, the caller and the day,
 * so the same rules refuse a step and decide which steps a caller is offered (next_actions).
 */
import type { Principal } from '../auth/principal.ts';
import { DomainError } from '../http/errors.ts';
import type { CaseRow } from './cases.repo.ts';
import type { CaseDocument } from './cases.documents.repo.ts';
import type { DocumentKind } from './cases.numbering.ts';

export const ACTIONS = [
  'open', 'investigate', 'serve_order', 'submit_correction', 'recheck_corrected', 'recheck_not_corrected', 'serve_notice',
  'request_hearing', 'hold_hearing', 'decide', 'serve_decision', 'record_payment', 'mark_overdue', 'close', 'withdraw',
] as const;
export type Action = (typeof ACTIONS)[number];

export interface Refusal {
  status: 403 | 409 | 422;
  code: string;
  message: string;
}

const CITY = new Set(['officer', 'admin']);
export const isCity = (p: Principal) => p.role !== null && CITY.has(p.role);

/** Who takes each step: the city's officers, the responsible firm, or the scheduler. */
const TAKEN_BY: Record<Action, 'city' | 'party' | 'job'> = {
  open: 'city', investigate: 'city', serve_order: 'city', submit_correction: 'party', recheck_corrected: 'city',
  recheck_not_corrected: 'city', serve_notice: 'city', request_hearing: 'city', hold_hearing: 'city', decide: 'city',
  serve_decision: 'city', record_payment: 'city', mark_overdue: 'job', close: 'city', withdraw: 'city',
};

export function permission(p: Principal, action: Action, c: Pick<CaseRow, 'responsible_org_id'>): Refusal | null {
  switch (TAKEN_BY[action]) {
    case 'job':
      return { status: 403, code: 'job_only', message: 'A case becomes overdue by the scheduled job once the payment day has passed; this step is not taken by hand.' };
    case 'party':
      return p.role === 'carrier' && p.orgId !== null && p.orgId === c.responsible_org_id
        ? null
        : { status: 403, code: 'party_only', message: 'Only the responsible firm reports its own correction.' };
    default:
      return isCity(p) ? null : { status: 403, code: 'officers_only', message: 'Only enforcement officers take this step.' };
  }
}

const refuse = (code: string, message: string): Refusal => ({ status: 422, code, message });

/** Throws a refusal as the domain error the client sees. */
export function raise(r: Refusal | null): void {
  if (r) throw new DomainError(r.code, r.status, r.message);
}

/**
 * A penalty decision may be made only once the notice of intended penalty was served and the
 * statement period has run out; where a hearing was offered, also its request period (unless a
 * hearing was requested, in which case only after it was held — the state machine sees to that).
 */
export function decisionPeriodGate(c: CaseRow, today: string): Refusal | null {
  if (!c.notice_served_on || !c.statement_ends_on) return refuse('notice_not_served', 'The notice of intended penalty has not been served yet.');
  if (today <= c.statement_ends_on) {
    return refuse('statement_period_running', `The party may make statements and defence until ${c.statement_ends_on}; a decision can be made from the next day.`);
  }
  if (c.state === 'penalty_noticed' && c.hearing_request_ends_on && today <= c.hearing_request_ends_on) {
    return refuse('hearing_request_period_running', `The party may request a hearing until ${c.hearing_request_ends_on}; a decision can be made from the next day.`);
  }
  return null;
}

export interface GateFacts {
  c: CaseRow;
  today: string;
  officers: number;
  documents: CaseDocument[];
}

const unserved = (docs: CaseDocument[], kind: DocumentKind) => docs.some((d) => d.kind === kind && d.served_on === null);

/** Rules that depend on the case and the day, not on what the request carries. */
export function gate(action: Action, f: GateFacts): Refusal | null {
  const { c, today } = f;
  switch (action) {
    case 'investigate':
      return f.officers >= 2 ? null : refuse('two_officers_required', `An investigation needs at least two enforcement officers on the case; ${f.officers} listed.`);
    case 'serve_order':
      if (!c.responsible_org_id) return refuse('responsible_org_required', 'Name the responsible organisation before an order is served.');
      return unserved(f.documents, 'order') ? null : refuse('document_required', 'Issue the order to correct (责令限期改正通知书) before recording its service.');
    case 'recheck_not_corrected':
      return c.correction_deadline && today > c.correction_deadline
        ? null
        : refuse('deadline_not_reached', `The correction deadline${c.correction_deadline ? ` (${c.correction_deadline})` : ''} has not passed; a failed recheck can be recorded from the day after it.`);
    case 'serve_notice':
      return unserved(f.documents, 'penalty_notice') ? null : refuse('document_required', 'Issue the notice of intended penalty (行政处罚告知书) before recording its service.');
    case 'request_hearing':
      if (!c.hearing_request_ends_on) return refuse('hearing_not_available', 'No hearing was offered: the proposed fine is below the hearing threshold.');
      return today <= c.hearing_request_ends_on ? null : refuse('hearing_request_period_over', `A hearing had to be requested by ${c.hearing_request_ends_on}.`);
    case 'decide':
      return decisionPeriodGate(c, today) ?? (f.documents.some((d) => d.kind === 'decision') ? null : refuse('document_required', 'Issue the penalty decision (行政处罚决定书) first.'));
    case 'mark_overdue':
      return c.payment_due_on && today > c.payment_due_on ? null : refuse('payment_not_due', 'The payment period has not run out.');
    default:
      return null;
  }
}

/** The documents that may be issued in each state, and the rules for issuing them now. */
export function issueGate(kind: DocumentKind, c: CaseRow, today: string): Refusal | null {
  const states: Record<DocumentKind, string[]> = { order: ['investigating'], penalty_notice: ['not_corrected'], decision: ['penalty_noticed', 'hearing_held'] };
  if (!states[kind].includes(c.state)) {
    return { status: 409, code: 'document_not_allowed', message: `A ${kind.replace('_', ' ')} is issued only while the case is ${states[kind].join(' or ')}; this case is ${c.state}.` };
  }
  if (!c.responsible_org_id) return refuse('responsible_org_required', 'Name the responsible organisation before issuing a document to it.');
  return kind === 'decision' ? decisionPeriodGate(c, today) : null;
}

export interface StepInput {
  action: Action;
  version: number;
  reason?: string;
  document_id?: number;
  service?: { method: 'in_person' | 'left_with_witnesses' | 'post' | 'electronic'; served_on: string; served_to?: string; note?: string };
  paid_on?: string;
  receipt_no?: string;
}

const NEEDS_REASON = new Set<Action>(['recheck_corrected', 'recheck_not_corrected', 'hold_hearing', 'withdraw']);
const TAKES_DOCUMENT = new Set<Action>(['serve_order', 'serve_notice', 'decide', 'serve_decision']);
const TAKES_SERVICE = new Set<Action>(['serve_order', 'serve_notice', 'serve_decision']);

/** What the request must, and must not, carry for this step. */
export function bodyGate(input: StepInput, state: string): Refusal | null {
  const a = input.action;
  const needsReason = NEEDS_REASON.has(a) || (a === 'close' && state === 'overdue');
  if (needsReason && !input.reason?.trim()) {
    return refuse('reason_required', a === 'close' ? 'Closing an unpaid case (the city removes the pole at the party’s cost) needs a reason.' : `${a} needs a reason.`);
  }
  if (input.document_id !== undefined && !TAKES_DOCUMENT.has(a)) return refuse('field_not_applicable', `${a} takes no document_id.`);
  if (input.service !== undefined && !TAKES_SERVICE.has(a)) return refuse('field_not_applicable', `${a} takes no service record.`);
  if ((input.paid_on !== undefined || input.receipt_no !== undefined) && a !== 'record_payment') return refuse('field_not_applicable', `${a} takes no payment.`);
  if (TAKES_DOCUMENT.has(a) && a !== 'serve_decision' && input.document_id === undefined) return refuse('document_id_required', `${a} needs document_id, the issued document it concerns.`);
  if (TAKES_SERVICE.has(a) && !input.service) return refuse('service_required', `${a} needs the service record: method, served_on and, where known, served_to.`);
  if (a === 'record_payment' && (!input.paid_on || !input.receipt_no?.trim())) return refuse('payment_required', 'record_payment needs paid_on and receipt_no.');
  return null;
}

/** The steps this caller may take now, in procedure order. */
export function nextActions(p: Principal, listed: readonly string[], f: GateFacts): Action[] {
  return ACTIONS.filter((a) => listed.includes(a) && !permission(p, a, f.c) && !gate(a, f));
}

/** The documents this caller may issue now. */
export function issuable(p: Principal, c: CaseRow, today: string): DocumentKind[] {
  if (!isCity(p)) return [];
  return (['order', 'penalty_notice', 'decision'] as const).filter((k) => issueGate(k, c, today) === null);
}
