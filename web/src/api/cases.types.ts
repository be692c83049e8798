import type { FeatureCollection, Point } from 'geojson';

/** Shapes of the enforcement-case endpoints (/api/cases, /api/calendar) as the server sends them. */

export const CASE_CATEGORIES = ['abandoned_not_removed', 'broken_unmaintained', 'tangled_cables', 'unauthorised_attachment', 'other'] as const;
export type CaseCategory = (typeof CASE_CATEGORIES)[number];

/** The procedure's states, in the order a case normally passes through them. */
export const CASE_STATES = [
  'found',
  'opened',
  'investigating',
  'ordered',
  'correction_submitted',
  'not_corrected',
  'penalty_noticed',
  'hearing_requested',
  'hearing_held',
  'decided',
  'decision_served',
  'paid',
  'overdue',
  'closed',
  'withdrawn',
] as const;
export type CaseState = (typeof CASE_STATES)[number];

/** Ended: no further move, not on the map of open cases. */
export const FINAL_STATES: readonly CaseState[] = ['closed', 'withdrawn'];

export const CASE_ACTIONS = [
  'open',
  'investigate',
  'serve_order',
  'submit_correction',
  'recheck_corrected',
  'recheck_not_corrected',
  'serve_notice',
  'request_hearing',
  'hold_hearing',
  'decide',
  'serve_decision',
  'record_payment',
  'mark_overdue',
  'close',
  'withdraw',
] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

export const CASE_OUTCOMES = ['corrected', 'paid', 'city_removed', 'withdrawn'] as const;
export type CaseOutcome = (typeof CASE_OUTCOMES)[number];

export const SERVICE_METHODS = ['in_person', 'left_with_witnesses', 'post', 'electronic'] as const;
export type ServiceMethod = (typeof SERVICE_METHODS)[number];

export const DOCUMENT_KINDS = ['order', 'penalty_notice', 'decision'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export interface NamedRef {
  code: string;
  name_zh: string;
  name_en: string;
}

export interface CaseSummary {
  id: number;
  /** e.g. 聊线执〔2026〕第0007号 */
  number: string;
  category: CaseCategory;
  state: CaseState;
  outcome: CaseOutcome | null;
  district: NamedRef | null;
  responsible_org: NamedRef | null;
  pole_codes: string[];
  lng: number;
  lat: number;
  created_at: string;
  /** 'YYYY-MM-DD' */
  correction_deadline: string | null;
  payment_due_on: string | null;
  /** the next deadline that matters in the current state, or null */
  due_on: string | null;
  overdue: boolean;
  fine_yuan: number | null;
}

export interface CasePole {
  id: number;
  code: string;
  lng: number;
  lat: number;
  owner_code: string | null;
  condition: string;
  status: string;
}

export interface CaseOfficer {
  id: number;
  username: string;
  display_name: string;
}

export interface CaseEvent {
  id: number;
  action: string;
  from_state: CaseState | null;
  to_state: CaseState;
  /** `user:<id>:<name>` as in the audit log */
  actor: string;
  at: string;
  reason: string | null;
  details: Record<string, unknown>;
  document_id: number | null;
}

export interface CaseDocument {
  id: number;
  kind: DocumentKind;
  number: string;
  sha256: string;
  issued_at: string;
  issued_by: string;
  service_method: ServiceMethod | null;
  served_on: string | null;
  served_to: string | null;
  /** same origin: the print-ready page */
  url: string;
}

export interface CaseSettings {
  statement_days: number;
  hearing_request_days: number;
  payment_days: number;
  /** yuan: a proposed fine at or above it gives the party the right to a hearing */
  hearing_threshold: number;
}

export interface CaseDetail extends CaseSummary {
  version: number;
  description: string;
  correction_required: string | null;
  notice_served_on: string | null;
  proposed_fine: number | null;
  statement_ends_on: string | null;
  hearing_request_ends_on: string | null;
  hearing_available: boolean;
  decision_served_on: string | null;
  paid_on: string | null;
  receipt_no: string | null;
  poles: CasePole[];
  officers: CaseOfficer[];
  events: CaseEvent[];
  documents: CaseDocument[];
  /**
   * only what THIS caller may do now, all rules checked: a step that rests on a document
   * (serving the order, deciding) appears only once that document has been issued
   */
  next_actions: CaseAction[];
  /** the documents this caller may issue now */
  can_issue: DocumentKind[];
  correction_submitted_at: string | null;
  closed_at: string | null;
  settings: CaseSettings;
}

export interface CasePage {
  items: CaseSummary[];
  next_cursor: string | null;
}

export interface CaseQuery {
  state?: CaseState;
  district?: string;
  org?: string;
  overdue?: boolean;
  due_within_days?: number;
  q?: string;
  limit?: number;
  cursor?: string;
}

export interface NewCase {
  category: CaseCategory;
  pole_ids: number[];
  description: string;
  responsible_org?: string;
  officer_ids?: number[];
}

export interface Service {
  method: ServiceMethod;
  served_on: string;
  served_to?: string;
  note?: string;
}

export interface TransitionRequest {
  action: CaseAction;
  version: number;
  reason?: string;
  document_id?: number;
  service?: Service;
  paid_on?: string;
  receipt_no?: string;
}

export type DocumentRequest =
  | { kind: 'order'; correction_required: string; correction_deadline?: string; correction_working_days?: number }
  | { kind: 'penalty_notice'; proposed_fine: number }
  | { kind: 'decision'; fine_yuan: number };

export interface IssuedDocument {
  id: number;
  kind: DocumentKind;
  number: string;
  sha256: string;
  issued_at: string;
  url: string;
}

export interface CaseMapProps {
  id: number;
  number: string;
  state: CaseState;
  category: CaseCategory;
  overdue: boolean;
}
export type CaseMapCollection = FeatureCollection<Point, CaseMapProps>;

export interface OrgCaseFigures {
  code: string;
  open: number;
  closed: number;
  fines_decided_yuan: number;
  fines_paid_yuan: number;
}

export interface CaseStats {
  by_state: Partial<Record<CaseState, number>>;
  by_org: OrgCaseFigures[];
  overdue: number;
  opened_this_year: number;
  closed_this_year: number;
}

export interface WorkingDaysAnswer {
  from: string;
  days: number;
  /** the day the period ends, 'YYYY-MM-DD' */
  date: string;
}
