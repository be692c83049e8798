import type { Queryable } from '../db/db.types.ts';
import type { ImportRow } from './imports.rows.ts';

export interface ImportHeader {
  id: number;
  sha256: string;
  filename: string | null;
  format: string;
  encoding: string | null;
  crs: string;
  projection: string | null;
  columns: string[];
  lng_column: string | null;
  lat_column: string | null;
  counts: Record<string, number>;
  status: 'previewed' | 'committed';
  created_by: string;
  created_at: Date;
  committed_by: string | null;
  committed_at: Date | null;
  result: unknown;
}

export type NewImport = Omit<ImportHeader, 'id' | 'status' | 'created_at' | 'committed_by' | 'committed_at' | 'result'> & { created_by_user_id: number | null };

const HEADER = `id, sha256, filename, format, encoding, crs, projection, columns, lng_column, lat_column, counts, status,
  created_by, created_at, committed_by, committed_at, result`;

/** The rows travel as one JSON document: one statement however large the file. */
export async function insert(q: Queryable, h: NewImport, rows: ImportRow[]): Promise<number> {
  const res = await q.query<{ id: number }>(
    `INSERT INTO imports (sha256, filename, format, encoding, crs, projection, columns, lng_column, lat_column, counts, rows, created_by, created_by_user_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9, $10::jsonb, $11::jsonb, $12, $13) RETURNING id`,
    [h.sha256, h.filename, h.format, h.encoding, h.crs, h.projection, JSON.stringify(h.columns), h.lng_column, h.lat_column,
      JSON.stringify(h.counts), JSON.stringify(rows), h.created_by, h.created_by_user_id],
  );
  return res.rows[0]!.id;
}

export async function findHeader(q: Queryable, id: number): Promise<ImportHeader | undefined> {
  return (await q.query<ImportHeader>(`SELECT ${HEADER} FROM imports WHERE id = $1`, [id])).rows[0];
}

/** Drops dry runs nobody committed, made before `before`; committed imports are the record and stay. */
export async function purgePreviews(q: Queryable, before: Date): Promise<{ id: number; filename: string | null; created_by: string }[]> {
  return (await q.query<{ id: number; filename: string | null; created_by: string }>(
    `DELETE FROM imports WHERE status = 'previewed' AND created_at < $1 RETURNING id, filename, created_by`, [before])).rows;
}

/** The import and its rows, locked: a second commit of the same import waits, then finds it committed. */
export async function lockWithRows(q: Queryable, id: number): Promise<(ImportHeader & { rows: ImportRow[] }) | undefined> {
  return (await q.query<ImportHeader & { rows: ImportRow[] }>(`SELECT ${HEADER}, rows FROM imports WHERE id = $1 FOR UPDATE`, [id])).rows[0];
}

/** A page of stored rows, optionally of one outcome, in file order. */
export async function rowsPage(q: Queryable, id: number, outcome: string | null, offset: number, limit: number): Promise<{ rows: ImportRow[]; total: number }> {
  const res = await q.query<{ rows: ImportRow[]; total: number }>(
    `WITH r AS (
       SELECT e.doc, e.n FROM imports i, jsonb_array_elements(i.rows) WITH ORDINALITY AS e(doc, n)
       WHERE i.id = $1 AND ($2::text IS NULL OR e.doc->>'outcome' = $2)
     )
     SELECT coalesce((SELECT jsonb_agg(doc ORDER BY n) FROM (SELECT doc, n FROM r ORDER BY n OFFSET $3 LIMIT $4) page), '[]'::jsonb) AS rows,
            (SELECT count(*)::int FROM r) AS total`,
    [id, outcome, offset, limit],
  );
  return res.rows[0]!;
}

export async function markCommitted(q: Queryable, id: number, actor: string, result: unknown): Promise<Date> {
  const res = await q.query<{ committed_at: Date }>(
    `UPDATE imports SET status = 'committed', committed_by = $2, committed_at = now(), result = $3::jsonb WHERE id = $1 RETURNING committed_at`,
    [id, actor, JSON.stringify(result)],
  );
  return res.rows[0]!.committed_at;
}
