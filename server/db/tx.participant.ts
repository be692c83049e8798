import { AsyncLocalStorage } from 'node:async_hooks';
import type { Queryable } from './db.types.ts';

/**
 * Something that must be written in the same transaction as a request's first write,
 * without the services that open the transaction knowing about it (idempotency keys).
 *
 * The request layer runs the handler inside `runWithTxParticipant`; both Db back ends look
 * up the current participant when a transaction begins and let it enlist. Routes and
 * services stay unchanged: whatever transaction they open first carries the participant's rows.
 */
export interface TxParticipant {
  /**
   * Called right after BEGIN. Returns undefined to stay out of this transaction (e.g. it
   * already enlisted in an earlier one); throwing refuses the transaction (it rolls back).
   */
  enlist(q: Queryable): Promise<TxEnlistment | undefined>;
}

export interface TxEnlistment {
  /** The transaction ended: committed (true) or rolled back (false). Called exactly once. */
  settled(committed: boolean): void;
  /**
   * The connection died with COMMIT on the wire, so the outcome is unknown. Answers, on a
   * fresh connection, whether the transaction's rows are there (it committed after all).
   */
  isCommitted(q: Queryable): Promise<boolean>;
}

const current = new AsyncLocalStorage<TxParticipant>();

export const runWithTxParticipant = <T>(p: TxParticipant, fn: () => T): T => current.run(p, fn);

export const currentTxParticipant = (): TxParticipant | undefined => current.getStore();
