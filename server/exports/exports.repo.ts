import type { Queryable } from '../db/db.types.ts';
import { filterSql, type PoleFilter } from '../poles/poles.filters.ts';

/** One pole as an export row: codes plus the names a reader needs, flat, for any file format. */
export interface ExportRow {
  id: number;
  code: string;
  lng: number;
  lat: number;
  owner_code: string | null;
  owner_zh: string | null;
  owner_en: string | null;
  ownership_status: string;
  condition: string;
  status: string;
  material: string;
  height_m: string | null;
  install_year: number | null;
  cable_tangle: boolean;
  district_code: string | null;
  district_zh: string | null;
  district_en: string | null;
  road_zh: string | null;
  road_en: string | null;
  location_kind: string;
  source_crs: string;
  note: string | null;
  version: number;
  updated_at: Date;
}

/** The selection in id order, one row past the cap so the caller can tell the file was capped. */
export async function selection(q: Queryable, f: PoleFilter, limit: number): Promise<{ rows: ExportRow[]; truncated: boolean }> {
  const { where, params } = filterSql(f, 2);
  const res = await q.query<ExportRow>(
    `SELECT p.id, p.code, ST_X(p.geom) AS lng, ST_Y(p.geom) AS lat,
            o.code AS owner_code, o.name_zh AS owner_zh, o.name_en AS owner_en, p.ownership_status,
            p.condition, p.status, p.material, p.height_m::text AS height_m, p.install_year, p.cable_tangle,
            d.code AS district_code, d.name_zh AS district_zh, d.name_en AS district_en,
            r.name_zh AS road_zh, r.name_en AS road_en, p.location_kind, p.source_crs, p.note, p.version, p.updated_at
     FROM poles p
     LEFT JOIN organisations o ON o.id = p.owner_org_id
     LEFT JOIN districts d ON d.id = p.district_id
     LEFT JOIN roads r ON r.id = p.road_id
     WHERE ${where}
     ORDER BY p.id LIMIT $1 + 1`,
    [limit, ...params],
  );
  const truncated = res.rows.length > limit;
  return { rows: truncated ? res.rows.slice(0, limit) : res.rows, truncated };
}
