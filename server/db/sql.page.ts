import type { Queryable } from './db.types.ts';

/**
 * One keyset page of GeoJSON Features as JSON text. `pageSql` selects `(id, f)` rows with
 * `id > $1 … ORDER BY id LIMIT $2 + 1`: the extra row says whether another page exists
 * without a COUNT over the whole set. `params` continue from `$3`.
 */
export async function featurePage(q: Queryable, pageSql: string, afterId: number, limit: number, params: unknown[]) {
  const res = await q.query<{ features: string; n: number; last_id: number | null; more: boolean }>(
    `WITH page AS (${pageSql}), numbered AS (SELECT id, f, row_number() OVER (ORDER BY id) AS rn FROM page)
     SELECT coalesce(json_agg(f ORDER BY id) FILTER (WHERE rn <= $2), '[]'::json)::text AS features,
            count(*) FILTER (WHERE rn <= $2)::int AS n, max(id) FILTER (WHERE rn <= $2) AS last_id, count(*) > $2 AS more
     FROM numbered`,
    [afterId, limit, ...params],
  );
  const r = res.rows[0]!;
  return { features: r.features, count: r.n, lastId: r.more ? r.last_id : null };
}
