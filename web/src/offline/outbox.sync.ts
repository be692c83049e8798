import { ApiError } from '../api/api.error.ts';
import { csrfToken } from '../api/csrf.token.ts';
import { loadSession } from '../auth/session.actions.ts';
import { currentUser, sessionStore } from '../state/session.store.ts';
import { ValueStore } from '../state/value.store.ts';
import { EditConflict, sendItem, Unresolved } from './outbox.senders.ts';
import { completeItem, loadOutbox, saveItem } from './outbox.store.ts';
import { dependsOn, isTempRef, type OutboxItem, type StoredError } from './outbox.types.ts';

export interface SyncState {
  /** the browser believes it has a network, and the last attempt did not fail for want of one */
  online: boolean;
  running: boolean;
  /** items wait for their author to sign in again (the session expired while offline) */
  needsSignIn: boolean;
  /** when the next automatic attempt is due (ms since epoch), after a failed one */
  retryAt: number | null;
  /** the photo on its way, 0–1 */
  upload: { ref: string; fraction: number } | null;
}

export const syncState = new ValueStore<SyncState>({ online: navigator.onLine, running: false, needsSignIn: false, retryAt: null, upload: null });

/** Goes up each time a record reaches the server: the map reloads to draw it as a real pole. */
export const outboxSent = new ValueStore(0);

const patchState = (change: Partial<SyncState>): void => syncState.set({ ...syncState.get(), ...change });

type RunResult = 'done' | 'retry' | 'signin';

const BASE_DELAY_MS = 2000;
const MAX_DELAY_MS = 60_000;
/** a 409 is "the same key is still being processed": worth waiting for, but not forever */
const MAX_IN_FLIGHT_ATTEMPTS = 6;

function stored(err: unknown): StoredError {
  if (err instanceof ApiError) return { kind: err.kind, status: err.status, code: err.code, message: err.serverMessage };
  return { kind: 'network', status: null, code: null, message: null };
}

/** Whether to try again later (no answer, or a temporary one) rather than give up on the item. */
function temporary(err: unknown, attempts: number): boolean {
  if (!(err instanceof ApiError)) return true;
  if (err.kind !== 'http') return true;
  const status = err.status ?? 0;
  if (status === 409) return attempts < MAX_IN_FLIGHT_ATTEMPTS;
  return status >= 500 || status === 429 || status === 408;
}

/**
 * Sends the outbox in order whenever it can: at start, when an item is queued, when the
 * browser comes back online, and after a failure with a growing pause (2 s, 4 s, … 1 min).
 * An item the server refuses (4xx) is kept as failed with the server's words and is not
 * retried blindly; a 412 on an edit is kept as a conflict for the officer to settle; items
 * that need a failed one (a photo of a refused case) wait with it.
 */
export class OutboxSync {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private failures = 0;
  private again = false;

  start(): void {
    window.addEventListener('online', () => {
      patchState({ online: true });
      this.now();
    });
    window.addEventListener('offline', () => patchState({ online: false }));
    // A phone wakes the page without an online event; a tab brought back is a good moment.
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'visible') this.now();
    });
    // Signing in (again) releases what was waiting for a session.
    sessionStore.subscribe((s) => {
      if (s.user && csrfToken() && !syncState.get().running) this.now();
    });
    void loadOutbox().then(() => this.now());
  }

  /** Tries at once (cancelling a scheduled retry). */
  now(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    void this.run();
  }

  private async run(): Promise<void> {
    if (syncState.get().running) {
      this.again = true;
      return;
    }
    patchState({ running: true, retryAt: null });
    let result: RunResult = 'done';
    try {
      do {
        this.again = false;
        result = await this.pass();
      } while (this.again && result === 'done');
    } finally {
      patchState({ running: false, upload: null });
    }
    if (result === 'retry') this.schedule();
    else this.failures = 0;
  }

  private schedule(): void {
    this.failures += 1;
    const delay = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** (this.failures - 1));
    // Jitter: a crew's phones coming back into signal together should not retry in lockstep.
    const wait = Math.round(delay * (0.8 + Math.random() * 0.4));
    patchState({ retryAt: Date.now() + wait });
    this.timer = setTimeout(() => this.now(), wait);
  }

  /** The signed-in username with a usable session, or why there is none. */
  private async session(): Promise<{ user: string } | 'retry' | 'signin'> {
    if (!currentUser() || !csrfToken()) await loadSession();
    const user = currentUser();
    if (!user) return 'signin';
    // Remembered from an earlier visit but not confirmed by the server: it is out of reach.
    return csrfToken() ? { user: user.username } : 'retry';
  }

  private async pass(): Promise<RunResult> {
    const items = await loadOutbox();
    const todo = items.filter((i) => i.state === 'pending');
    if (todo.length === 0) {
      patchState({ needsSignIn: false });
      return 'done';
    }
    if (!navigator.onLine) {
      patchState({ online: false });
      return 'done'; // the online event starts the next pass
    }
    const session = await this.session();
    patchState({ needsSignIn: session === 'signin' });
    if (typeof session === 'string') return session;
    const user = session.user;
    // Records that will not reach the server this pass: their children must wait for them.
    const stuck = new Set(items.filter((i) => i.state !== 'pending').map((i) => i.ref));
    for (const item of todo) {
      if (item.user !== user || dependsOn(item).some((ref) => isTempRef(ref) && stuck.has(ref))) {
        stuck.add(item.ref);
        continue;
      }
      const result = await this.sendOne(item);
      if (result === 'retry' || result === 'signin') return result;
      if (result === 'stuck') stuck.add(item.ref);
    }
    return 'done';
  }

  private async sendOne(item: OutboxItem): Promise<RunResult | 'stuck'> {
    const attempts = item.attempts + 1;
    try {
      const id = await sendItem(item, (fraction) => patchState({ upload: { ref: item.ref, fraction } }));
      await completeItem(item, id);
      patchState({ online: true });
      outboxSent.set(outboxSent.get() + 1);
      return 'done';
    } catch (err) {
      if (err instanceof Unresolved) return 'stuck';
      if (err instanceof EditConflict) {
        await saveItem({ ...item, attempts, state: 'conflict', theirs: err.theirs, error: null } as OutboxItem);
        return 'stuck';
      }
      if (err instanceof ApiError && err.status === 401) {
        await loadSession();
        patchState({ needsSignIn: true });
        return 'signin';
      }
      const error = stored(err);
      if (temporary(err, attempts)) {
        await saveItem({ ...item, attempts, error });
        patchState({ online: error.kind !== 'network' });
        return 'retry';
      }
      await saveItem({ ...item, attempts, error, state: 'failed' });
      return 'stuck';
    }
  }
}

export const outboxSync = new OutboxSync();
