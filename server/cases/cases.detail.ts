import type { Queryable } from '../db/db.types.ts';
import type { Principal } from '../auth/principal.ts';
import type { CaseRow } from './cases.repo.ts';
import * as repo from './cases.repo.ts';
import { polesOf } from './cases.poles.repo.ts';
import { officersOf } from './cases.officers.repo.ts';
import { eventsOf } from './cases.events.repo.ts';
import { documentsOf, type CaseDocument } from './cases.documents.repo.ts';
import * as settingsRepo from './cases.settings.repo.ts';
import { settingsOnly } from './cases.settings.ts';
import { issuable, nextActions } from './cases.transitions.ts';
import { visibleDocuments } from './cases.visibility.ts';

export const documentUrl = (caseId: number, docId: number) => `/api/cases/${caseId}/documents/${docId}`;

/** The list item: what a table row or a map popup needs. */
export function summary(c: CaseRow) {
  return {
    id: c.id, number: c.number, category: c.category, state: c.state, outcome: c.outcome, district: c.district,
    responsible_org: c.responsible_org, pole_codes: c.pole_codes, lng: c.lng, lat: c.lat, created_at: c.created_at,
    correction_deadline: c.correction_deadline, payment_due_on: c.payment_due_on, due_on: c.due_on, overdue: c.overdue, fine_yuan: c.fine_yuan,
  };
}

const documentView = (d: CaseDocument) => ({
  id: d.id, kind: d.kind, number: d.number, sha256: d.sha256, issued_at: d.issued_at, issued_by: d.issued_by,
  service_method: d.service_method, served_on: d.served_on, served_to: d.served_to, url: documentUrl(d.case_id, d.id),
});

/**
 * The whole case as this caller may see it, with the steps it may take now. `c` must already
 * have passed the visibility check.
 */
export async function caseDetail(q: Queryable, c: CaseRow, p: Principal, today: string) {
  const [poles, officers, events, documents, listed, settings] = await Promise.all([
    polesOf(q, c.id), officersOf(q, c.id), eventsOf(q, c.id), documentsOf(q, c.id), repo.actionsFrom(q, c.state), settingsRepo.read(q),
  ]);
  return {
    ...summary(c),
    version: c.version,
    description: c.description,
    correction_required: c.correction_required,
    correction_submitted_at: c.correction_submitted_at,
    notice_served_on: c.notice_served_on,
    proposed_fine: c.proposed_fine,
    statement_ends_on: c.statement_ends_on,
    hearing_request_ends_on: c.hearing_request_ends_on,
    // Fixed when the notice is served, from what the notice offered; not re-derived from today's threshold.
    hearing_available: c.hearing_request_ends_on !== null,
    decision_served_on: c.decision_served_on,
    paid_on: c.paid_on,
    receipt_no: c.receipt_no,
    closed_at: c.closed_at,
    poles: poles.map((x) => ({ id: x.id, code: x.code, lng: x.lng, lat: x.lat, owner_code: x.owner_code, condition: x.condition, status: x.status })),
    officers,
    events,
    documents: visibleDocuments(p, documents).map(documentView),
    next_actions: nextActions(p, listed, { c, today, officers: officers.length, documents }),
    can_issue: issuable(p, c, today),
    settings: settingsOnly(settings),
  };
}
