import type { Principal } from '../auth/principal.ts';
import { notFound } from '../http/errors.ts';
import type { CaseRow } from './cases.repo.ts';
import type { CaseDocument } from './cases.documents.repo.ts';

/**
 * Who sees which case. The city (officers, admin, viewers) sees every case. A carrier sees a
 * case only once an order to correct has been served on its own firm; before that the case is
 * the city's investigation. Anything else is answered 404, as claims and removals do, so a
 * carrier cannot learn that another firm's case exists.
 */
export function carrierScope(p: Principal): number | null {
  return p.role === 'carrier' ? (p.orgId ?? -1) : null;
}

export function assertVisible(p: Principal, c: Pick<CaseRow, 'id' | 'responsible_org_id' | 'order_served'>): void {
  if (p.role !== 'carrier') return;
  if (p.orgId === null || c.responsible_org_id !== p.orgId || !c.order_served) throw notFound(`Case ${c.id}`);
}

/** A carrier reads the documents served on it; drafts issued but not yet served stay with the city. */
export function visibleDocuments(p: Principal, docs: CaseDocument[]): CaseDocument[] {
  return p.role === 'carrier' ? docs.filter((d) => d.served_on !== null) : docs;
}
