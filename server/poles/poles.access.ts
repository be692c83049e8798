import type { Principal } from '../auth/principal.ts';
import { DomainError } from '../http/errors.ts';

/**
 * Object-level rules for poles. Route policies say which roles may call an endpoint; these
 * say which poles and which fields, and they hold whatever the UI shows.
 */
const CITY_ROLES = new Set(['officer', 'admin']);

export interface PolePermissions {
  edit: boolean;
  editOwner: boolean;
  /** May file a claim (or, on its own pole, a disclaim). */
  claim: boolean;
  /** May decide claims and put the pole under public notice. */
  decide: boolean;
}

const NONE: PolePermissions = { edit: false, editOwner: false, claim: false, decide: false };

export function polePermissions(p: Principal, pole: { owner_org_id: number | null; status?: string }): PolePermissions {
  const live = pole.status !== 'removed';
  if (p.role !== null && CITY_ROLES.has(p.role)) return { edit: true, editOwner: true, claim: false, decide: live };
  if (p.role === 'carrier' && p.orgId !== null) {
    // A carrier looks after its own firm's poles; ownership itself is settled by officers.
    return { ...NONE, edit: pole.owner_org_id === p.orgId, claim: live };
  }
  return NONE;
}

export function assertCanEdit(p: Principal, pole: { owner_org_id: number | null }, settingOwner: boolean, liftingCandidate = false): void {
  const perms = polePermissions(p, pole);
  if (!perms.edit) throw new DomainError('not_your_pole', 403, 'This pole belongs to another organisation (or to none); only its owner or an officer may edit it.');
  if (settingOwner && !perms.editOwner) throw new DomainError('officer_only_field', 403, 'Only enforcement officers may set a pole’s owner; file a claim instead.');
  // A carrier must not talk its own pole off the removal list; the city decides that.
  if (liftingCandidate && !perms.editOwner) throw new DomainError('officer_only_field', 403, 'Only enforcement officers may take a pole off the removal-candidate list.');
}

/** Which owner a new pole gets: a carrier records only its own poles. */
export function ownerForNewPole(p: Principal, requested: string | null | undefined): string | null {
  if (p.role === 'carrier') {
    if (requested !== undefined && requested !== p.orgCode) {
      throw new DomainError('officer_only_field', 403, 'A carrier may only record poles of its own firm.');
    }
    return p.orgCode;
  }
  return requested ?? null;
}
