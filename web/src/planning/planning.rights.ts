import type { SessionUser } from '../api/auth.types.ts';
import type { PlanningRights } from './planning.context.ts';

/** What a role may do in burial planning: planners and admins plan, officers assess routes. */
export function planningRights(user: SessionUser | null): PlanningRights {
  const role = user?.role;
  return { assess: role === 'planner' || role === 'admin' || role === 'officer', plan: role === 'planner' || role === 'admin' };
}
