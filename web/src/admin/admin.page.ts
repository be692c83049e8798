import type { SessionUser } from '../api/auth.types.ts';
import type { AdminRefs } from './admin.refs.ts';

/** What every admin page gets from the shell. */
export interface AdminContext {
  user: SessionUser;
  refs: AdminRefs;
}

/** An admin section. render() redraws from data already loaded (used on a language switch). */
export interface AdminPage {
  readonly el: HTMLElement;
  render(): void;
}
