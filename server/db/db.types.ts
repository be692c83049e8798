/**
 * The one database seam of polewatch. Everything above `server/db/` talks to this
 * interface only, so the embedded PGlite back end and node-postgres are interchangeable
 * and must hand back rows of identical shape:
 *
 *  - int2/int4/int8 → number (int8 beyond 2^53 would be a bug in our schema, so it throws)
 *  - numeric        → string (exact decimal; callers convert where they mean a float)
 *  - float4/float8  → number
 *  - timestamptz    → Date
 *  - date           → 'YYYY-MM-DD' string (a calendar day has no time zone to shift)
 *  - json/jsonb     → parsed value
 */
export type Row = Record<string, unknown>;

export interface QueryResult<R extends object = Row> {
  rows: R[];
  rowCount: number;
}

export interface Queryable {
  query<R extends object = Row>(sql: string, params?: readonly unknown[]): Promise<QueryResult<R>>;
}

export interface TxQueryable extends Queryable {
  /** Runs a multi-statement script without parameters (migrations only). */
  exec(sql: string): Promise<void>;
}

export interface Db extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** Runs fn in one transaction; commits when it resolves, rolls back when it throws. */
  tx<T>(fn: (q: TxQueryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
