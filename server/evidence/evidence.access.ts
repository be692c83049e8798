import type { Principal } from '../auth/principal.ts';
import { DomainError, notFound } from '../http/errors.ts';
import { canSeeCase, type CaseFacts } from './evidence.cases.ts';

export const PURPOSES = ['evidence', 'correction_proof'] as const;
export type Purpose = (typeof PURPOSES)[number];

const FINAL: readonly string[] = ['closed', 'withdrawn'];
/** A firm's proof of the fix only makes sense between the served order and the recheck. */
const PROOF_STATES: readonly string[] = ['ordered', 'correction_submitted'];

/** A case the caller may not see answers exactly like one that does not exist. */
export function visibleCase(p: Principal, id: number, c: CaseFacts | undefined): CaseFacts {
  if (!c || !canSeeCase(p, c)) throw notFound(`Case ${id}`);
  return c;
}

/**
 * Officers gather evidence while a case is live; the responsible firm may only answer an
 * order with proof of its fix, and only while that answer can still count.
 */
export function checkUpload(p: Principal, c: CaseFacts, purpose: Purpose): void {
  if (p.role === 'carrier') {
    if (purpose !== 'correction_proof') {
      throw new DomainError('purpose_not_allowed', 403, 'Your firm may add only proof of its correction to a case (purpose "correction_proof"); evidence is gathered by officers.');
    }
    if (!PROOF_STATES.includes(c.state)) {
      throw new DomainError('case_not_awaiting_correction', 409, `Proof of correction is accepted only while the order to correct is running (the case is now "${c.state}").`);
    }
    return;
  }
  if (purpose !== 'evidence') {
    throw new DomainError('purpose_not_allowed', 403, 'Proof of correction comes from the responsible firm; photos an officer takes, at the recheck too, are evidence.');
  }
  if (FINAL.includes(c.state)) throw new DomainError('case_closed', 409, `This case is ${c.state}; no more evidence can be added.`);
}
