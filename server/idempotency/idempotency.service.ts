import type { Db, Queryable } from '../db/db.types.ts';
import type { TxEnlistment, TxParticipant } from '../db/tx.participant.ts';
import { DomainError } from '../http/errors.ts';
import { claimKey, findKey, keyExists, purgeExpired, storeResponse, type KeyRow, type KeyScope, type StoredResponse } from './idempotency.repo.ts';

/**
 * The rules of Idempotency-Key, with no HTTP and no SQL in sight.
 *
 * Why the key is written by the request's first write transaction rather than up front:
 * "this key was used" and "the write happened" then commit or vanish together. A request
 * that fails, times out or loses its database half-way leaves no key behind, so the retry
 * simply runs; one that committed leaves the key, so the retry can never write twice.
 * A crash can strand nothing — there is no "reserved" state to clean up.
 *
 * Three guards keep duplicates apart, from cheapest to strongest:
 *  1. this process's in-flight table (a second copy arriving while the first is still
 *     uploading or working gets 409 at once, before touching the database);
 *  2. a lookup before the handler (a finished request is answered from its stored response
 *     without running the handler again);
 *  3. the key row itself, claimed inside the write transaction under a transaction-scoped
 *     advisory lock (other server processes, and races the first two cannot see).
 */

export class IdempotentReplay extends Error {
  override name = 'IdempotentReplay';
  constructor(readonly response: StoredResponse) {
    super('replay of a stored response');
  }
}

export interface IdempotencyOptions {
  ttlHours: number;
  /**
   * A key row that committed but has no stored answer yet belongs to a request still
   * sending its answer — for this long. After that its answer was lost (the process died
   * between COMMIT and storing it) and saying "in flight" would have the client wait forever.
   */
  answerGraceSeconds?: number;
}

export const keyReused = () =>
  new DomainError('idempotency_key_reused', 422, 'This Idempotency-Key was already used for a different request; use a new key for a new request.');
export const keyInFlight = () =>
  new DomainError('idempotency_in_flight', 409, 'A request with this Idempotency-Key is still being processed; try again in a moment.', { retryAfterSeconds: 1 });
const answerLost = () =>
  new DomainError('idempotency_response_lost', 409, 'This request was already carried out, but its answer was lost when the server stopped. Do not send it again; reload to see the result.');

export class IdempotencyService {
  /** Keys in flight in this process → their fingerprint (null: not known yet, a multipart body still arriving). */
  private readonly inFlight = new Map<string, string | null>();

  private readonly ttlHours: number;
  private readonly answerGraceSeconds: number;

  constructor(private readonly db: Db, opts: IdempotencyOptions) {
    this.ttlHours = opts.ttlHours;
    this.answerGraceSeconds = opts.answerGraceSeconds ?? 60;
  }

  /**
   * Marks a key as in flight here, or refuses a second copy. Synchronous on purpose: two
   * copies arriving in the same instant cannot both pass. Returns the release function.
   */
  begin(scope: KeyScope, fingerprint: string | null): () => void {
    const id = JSON.stringify([scope.principal, scope.method, scope.route, scope.key]);
    if (this.inFlight.has(id)) {
      const other = this.inFlight.get(id);
      throw other && fingerprint && other !== fingerprint ? keyReused() : keyInFlight();
    }
    this.inFlight.set(id, fingerprint);
    return () => this.inFlight.delete(id);
  }

  /** A stored answer to replay, or null when the request should run; throws 409/422 otherwise. */
  async lookup(scope: KeyScope, fingerprint: () => Promise<string>): Promise<StoredResponse | null> {
    const row = await findKey(this.db, scope, this.ttlHours);
    return row ? this.verdict(row, await fingerprint()) : null;
  }

  private verdict(row: KeyRow, fingerprint: string): StoredResponse {
    if (row.fingerprint !== fingerprint) throw keyReused();
    if (row.response) return row.response;
    throw row.age_s < this.answerGraceSeconds ? keyInFlight() : answerLost();
  }

  /** The participant that writes the key into the request's first write transaction. */
  participant(scope: KeyScope, fingerprint: () => Promise<string>, requestId: string | null): KeyedRequest {
    return new KeyedRequest(scope, fingerprint, requestId, this.ttlHours, (row, fp) => this.verdict(row, fp));
  }

  async storeResponse(keyId: number, response: StoredResponse): Promise<void> {
    await storeResponse(this.db, keyId, response);
  }

  purgeExpired(): Promise<number> {
    return purgeExpired(this.db, this.ttlHours);
  }
}

export class KeyedRequest implements TxParticipant {
  /** The key row, once a transaction carrying it committed: the answer is stored on it. */
  keyId: number | null = null;
  private enlisted = false;

  constructor(
    private readonly scope: KeyScope,
    private readonly fingerprint: () => Promise<string>,
    private readonly requestId: string | null,
    private readonly ttlHours: number,
    private readonly verdict: (row: KeyRow, fingerprint: string) => StoredResponse,
  ) {}

  async enlist(q: Queryable): Promise<TxEnlistment | undefined> {
    // Only the first write transaction carries the key; a later one (or a parallel one of
    // the same request) is covered by it.
    if (this.keyId !== null || this.enlisted) return undefined;
    this.enlisted = true;
    let id: number;
    try {
      const fp = await this.fingerprint();
      const claim = await claimKey(q, this.scope, fp, this.requestId, this.ttlHours);
      if (claim.kind === 'busy') throw keyInFlight();
      if (claim.kind === 'taken') {
        // Another copy committed first (another process, or one that queued behind us).
        const row = await findKey(q, this.scope, this.ttlHours);
        throw row ? new IdempotentReplay(this.verdict(row, fp)) : keyInFlight();
      }
      id = claim.id;
    } catch (err) {
      this.enlisted = false;
      throw err;
    }
    return {
      settled: (committed) => {
        this.enlisted = false;
        if (committed) this.keyId = id;
      },
      isCommitted: (fresh) => keyExists(fresh, id),
    };
  }
}
