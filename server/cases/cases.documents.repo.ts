import type { Queryable } from '../db/db.types.ts';
import type { DocumentKind } from './cases.numbering.ts';

/** What a document states, as issued; the case takes these over when the document is served. */
export interface DocumentTerms {
  correction_deadline?: string;
  correction_working_days?: number;
  correction_required?: string;
  proposed_fine?: number;
  hearing_available?: boolean;
  hearing_threshold?: number;
  statement_days?: number;
  hearing_request_days?: number;
  fine_yuan?: number;
  payment_days?: number;
}

export interface CaseDocument {
  id: number;
  case_id: number;
  kind: DocumentKind;
  number: string;
  sha256: string;
  issued_at: Date;
  /** The issue date in Asia/Shanghai, the date printed on the document. */
  issued_on: string;
  issued_by: string;
  service_method: string | null;
  served_on: string | null;
  served_to: string | null;
  service_note: string | null;
  terms: DocumentTerms;
}

const SELECT = `SELECT id, case_id, kind, number, sha256, issued_at, (issued_at AT TIME ZONE 'Asia/Shanghai')::date AS issued_on, issued_by,
    service_method, served_on, served_to, service_note, terms FROM case_documents`;

export async function documentsOf(q: Queryable, caseId: number): Promise<CaseDocument[]> {
  return (await q.query<CaseDocument>(`${SELECT} WHERE case_id = $1 ORDER BY id`, [caseId])).rows;
}

export async function byId(q: Queryable, caseId: number, id: number): Promise<CaseDocument | undefined> {
  return (await q.query<CaseDocument>(`${SELECT} WHERE case_id = $1 AND id = $2`, [caseId, id])).rows[0];
}

export async function content(q: Queryable, caseId: number, id: number): Promise<{ content_html: string; sha256: string; served_on: string | null } | undefined> {
  return (await q.query<{ content_html: string; sha256: string; served_on: string | null }>(
    'SELECT content_html, sha256, served_on FROM case_documents WHERE case_id = $1 AND id = $2', [caseId, id])).rows[0];
}

export interface NewDocument {
  caseId: number;
  kind: DocumentKind;
  number: string;
  html: string;
  sha256: string;
  by: string;
  at: Date;
  terms: DocumentTerms;
}

export async function insert(q: Queryable, d: NewDocument): Promise<number> {
  const res = await q.query<{ id: number }>(
    `INSERT INTO case_documents (case_id, kind, number, content_html, sha256, issued_by, issued_at, terms)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb) RETURNING id`,
    [d.caseId, d.kind, d.number, d.html, d.sha256, d.by, d.at, JSON.stringify(d.terms)],
  );
  return res.rows[0]!.id;
}

export interface Service {
  method: 'in_person' | 'left_with_witnesses' | 'post' | 'electronic';
  served_on: string;
  served_to?: string;
  note?: string;
}

/** Records how and when a document reached the party; the table's trigger allows this once. */
export async function recordService(q: Queryable, id: number, s: Service, by: string): Promise<void> {
  await q.query(
    'UPDATE case_documents SET service_method = $2, served_on = $3, served_to = $4, service_note = $5, recorded_by = $6 WHERE id = $1',
    [id, s.method, s.served_on, s.served_to ?? null, s.note ?? null, by],
  );
}
