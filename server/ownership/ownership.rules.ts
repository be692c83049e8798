/**
 * Pure ownership rules: what a pole's ownership status must be, given the facts, and who
 * must act on it. No SQL and no HTTP, so they are easy to read against the regulation.
 */
export type OwnershipStatus = 'unknown' | 'claimed' | 'disputed' | 'confirmed' | 'presumed_abandoned';

export interface OwnershipFacts {
  ownerOrgId: number | null;
  /** Firms with an open claim (not disclaim) on the pole. */
  openClaimOrgIds: number[];
  /** A public notice on this pole lapsed with nobody coming forward. */
  noticeLapsed: boolean;
}

export function ownershipStatus(f: OwnershipFacts): OwnershipStatus {
  const challengers = f.openClaimOrgIds.filter((o) => o !== f.ownerOrgId);
  if (f.ownerOrgId !== null) return challengers.length > 0 ? 'disputed' : 'confirmed';
  if (challengers.length >= 2) return 'disputed';
  if (challengers.length === 1) return 'claimed';
  return f.noticeLapsed ? 'presumed_abandoned' : 'unknown';
}

export interface Org {
  id: number;
  code: string;
  name_zh: string;
  name_en: string;
}

export interface Responsibility {
  /** Who answers for the pole: its confirmed owner, else the firms on it, else the city. */
  party: 'owner' | 'attached_firms' | 'city';
  orgs: Org[];
  removal: {
    /** Firms whose active cables must come off before the pole can go. */
    mustMoveOff: Org[];
    /** Who pulls the pole: the owner; else the one firm left on it; null while several remain. */
    lastOut: Org | null;
    /** Nobody is left to answer: the city may remove it (Art. 41, presumed abandoned). */
    cityRemoves: boolean;
  };
}

export function responsibility(owner: Org | null, ownershipStatusNow: string, activeFirms: Org[]): Responsibility {
  if (owner && ownershipStatusNow !== 'presumed_abandoned') {
    return {
      party: 'owner',
      orgs: [owner],
      removal: { mustMoveOff: activeFirms.filter((o) => o.id !== owner.id), lastOut: owner, cityRemoves: false },
    };
  }
  if (activeFirms.length > 0) {
    return {
      party: 'attached_firms',
      orgs: activeFirms,
      removal: { mustMoveOff: activeFirms, lastOut: activeFirms.length === 1 ? activeFirms[0]! : null, cityRemoves: false },
    };
  }
  return { party: 'city', orgs: [], removal: { mustMoveOff: [], lastOut: null, cityRemoves: true } };
}
