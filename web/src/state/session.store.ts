import type { SessionUser } from '../api/auth.types.ts';
import { ValueStore } from './value.store.ts';

/**
 * Who is signed in. `known` stays false until /api/auth/me has answered, so the header does
 * not flash a "Sign in" button at someone who is in fact signed in.
 */
export interface SessionState {
  known: boolean;
  user: SessionUser | null;
}

export const sessionStore = new ValueStore<SessionState>({ known: false, user: null });

export function currentUser(): SessionUser | null {
  return sessionStore.get().user;
}
