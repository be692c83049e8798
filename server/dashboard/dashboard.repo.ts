import type { Queryable } from '../db/db.types.ts';

/**
 * Campaign figures, each one SQL aggregate over the registry. Removals count when not voided;
 * kilometres are geodesic lengths of buried spans. Nothing is cached or stored: a new removal
 * shows everywhere at once.
 */
export interface Baseline {
  code: string;
  name_zh: string;
  name_en: string;
  starts_on: string;
  baseline_removed: number;
  baseline_km: number;
  baseline_until: string | null;
  /** When the carried-in campaign began (the start of the shaded baseline period). */
  baseline_from: string | null;
}

export async function activeCampaign(q: Queryable): Promise<Baseline | null> {
  const res = await q.query<Baseline>(
    `SELECT c.code, c.name_zh, c.name_en, c.starts_on, c.baseline_removed, c.baseline_km::float8 AS baseline_km, c.baseline_until,
            (SELECT b.starts_on FROM campaigns b WHERE b.ends_on = c.baseline_until ORDER BY b.starts_on LIMIT 1) AS baseline_from
     FROM campaigns c WHERE c.active LIMIT 1`,
  );
  return res.rows[0] ?? null;
}

export interface Totals {
  removed_total: number;
  removed_until_baseline: number;
  removed_since_baseline: number;
  removed_this_year: number;
  km_buried_total: number;
  km_buried_this_year: number;
  orphan_poles: number;
  poles_standing: number;
  open_claims: number;
  /** Standing poles a completed burial left without overhead cable: the next ones to pull. */
  removal_candidates: number;
  target_poles: number | null;
  target_km: number | null;
}

export async function totals(q: Queryable, year: number, baselineUntil: string | null): Promise<Totals> {
  const res = await q.query<Totals>(
    `SELECT
       (SELECT count(*) FROM removals WHERE status <> 'voided')::int AS removed_total,
       (SELECT count(*) FROM removals WHERE status <> 'voided' AND $2::date IS NOT NULL AND removed_on <= $2::date)::int AS removed_until_baseline,
       (SELECT count(*) FROM removals WHERE status <> 'voided' AND ($2::date IS NULL OR removed_on > $2::date))::int AS removed_since_baseline,
       (SELECT count(*) FROM removals WHERE status <> 'voided' AND extract(year FROM removed_on) = $1)::int AS removed_this_year,
       (SELECT coalesce(sum(ST_Length(geom::geography)), 0) / 1000 FROM spans WHERE status = 'buried')::float8 AS km_buried_total,
       (SELECT coalesce(sum(ST_Length(geom::geography)), 0) / 1000 FROM spans WHERE status = 'buried' AND extract(year FROM buried_at) = $1)::float8 AS km_buried_this_year,
       (SELECT count(*) FROM poles WHERE owner_org_id IS NULL AND status <> 'removed')::int AS orphan_poles,
       (SELECT count(*) FROM poles WHERE status <> 'removed')::int AS poles_standing,
       (SELECT count(*) FROM claims WHERE status = 'open')::int AS open_claims,
       (SELECT count(*) FROM poles WHERE removal_candidate AND status <> 'removed')::int AS removal_candidates,
       (SELECT t.poles_target FROM campaign_targets t JOIN campaigns c ON c.id = t.campaign_id WHERE c.active AND t.year = $1 AND t.district_id IS NULL) AS target_poles,
       (SELECT t.km_target::float8 FROM campaign_targets t JOIN campaigns c ON c.id = t.campaign_id WHERE c.active AND t.year = $1 AND t.district_id IS NULL) AS target_km`,
    [year, baselineUntil],
  );
  return res.rows[0]!;
}

export interface MonthRow {
  month: string;
  removed: number;
  km: number;
}

/** Every month from the first removal or burial to `untilMonth`, gaps filled with zeros. */
export async function monthly(q: Queryable, untilMonth: string): Promise<MonthRow[]> {
  const res = await q.query<MonthRow>(
    `WITH bounds AS (
       SELECT least((SELECT min(removed_on) FROM removals WHERE status <> 'voided'), (SELECT min(buried_at) FROM spans WHERE status = 'buried'), $1::date) AS first
     ), months AS (
       SELECT generate_series(date_trunc('month', (SELECT first FROM bounds)), date_trunc('month', $1::date), interval '1 month')::date AS m
     )
     SELECT to_char(m, 'YYYY-MM') AS month,
            (SELECT count(*) FROM removals r WHERE r.status <> 'voided' AND date_trunc('month', r.removed_on) = m)::int AS removed,
            (SELECT coalesce(sum(ST_Length(s.geom::geography)), 0) / 1000 FROM spans s WHERE s.status = 'buried' AND date_trunc('month', s.buried_at) = m)::float8 AS km
     FROM months ORDER BY m`,
    [`${untilMonth}-01`],
  );
  return res.rows;
}

export interface DistrictRow {
  code: string;
  name_zh: string;
  name_en: string;
  removed_total: number;
  removed_this_year: number;
  target_poles: number | null;
  km_buried: number;
  orphan_poles: number;
  poles_standing: number;
  open_claims: number;
}

export async function byDistrict(q: Queryable, year: number): Promise<DistrictRow[]> {
  const res = await q.query<DistrictRow>(
    `SELECT d.code, d.name_zh, d.name_en,
       (SELECT count(*) FROM removals r JOIN poles p ON p.id = r.pole_id WHERE r.status <> 'voided' AND p.district_id = d.id)::int AS removed_total,
       (SELECT count(*) FROM removals r JOIN poles p ON p.id = r.pole_id WHERE r.status <> 'voided' AND p.district_id = d.id AND extract(year FROM r.removed_on) = $1)::int AS removed_this_year,
       (SELECT t.poles_target FROM campaign_targets t JOIN campaigns c ON c.id = t.campaign_id WHERE c.active AND t.year = $1 AND t.district_id = d.id) AS target_poles,
       (SELECT coalesce(sum(ST_Length(s.geom::geography)), 0) / 1000 FROM spans s JOIN poles p ON p.id = s.from_pole_id WHERE s.status = 'buried' AND p.district_id = d.id)::float8 AS km_buried,
       (SELECT count(*) FROM poles p WHERE p.district_id = d.id AND p.owner_org_id IS NULL AND p.status <> 'removed')::int AS orphan_poles,
       (SELECT count(*) FROM poles p WHERE p.district_id = d.id AND p.status <> 'removed')::int AS poles_standing,
       (SELECT count(*) FROM claims c JOIN poles p ON p.id = c.pole_id WHERE c.status = 'open' AND p.district_id = d.id)::int AS open_claims
     FROM districts d ORDER BY d.id`,
    [year],
  );
  return res.rows;
}

export interface FirmRow {
  code: string;
  name_zh: string;
  name_en: string;
  poles_owned: number;
  removals_done: number;
  removals_this_year: number;
  claims_filed: number;
  claims_accepted: number;
  km_buried: number;
}

export async function byFirm(q: Queryable, year: number): Promise<FirmRow[]> {
  const res = await q.query<FirmRow>(
    `SELECT o.code, o.name_zh, o.name_en,
       (SELECT count(*) FROM poles p WHERE p.owner_org_id = o.id AND p.status <> 'removed')::int AS poles_owned,
       (SELECT count(*) FROM removals r WHERE r.org_id = o.id AND r.status <> 'voided')::int AS removals_done,
       (SELECT count(*) FROM removals r WHERE r.org_id = o.id AND r.status <> 'voided' AND extract(year FROM r.removed_on) = $1)::int AS removals_this_year,
       (SELECT count(*) FROM claims c WHERE c.org_id = o.id AND c.kind = 'claim')::int AS claims_filed,
       (SELECT count(*) FROM claims c WHERE c.org_id = o.id AND c.kind = 'claim' AND c.status = 'accepted')::int AS claims_accepted,
       (SELECT coalesce(sum(ST_Length(s.geom::geography)), 0) / 1000 FROM spans s WHERE s.org_id = o.id AND s.status = 'buried')::float8 AS km_buried
     FROM organisations o WHERE o.kind = 'carrier'
     ORDER BY removals_done DESC, o.id`,
    [year],
  );
  return res.rows;
}

export interface KindRow {
  location_kind: string;
  removed_total: number;
  removed_this_year: number;
  poles_standing: number;
}

export async function byLocationKind(q: Queryable, year: number): Promise<KindRow[]> {
  const res = await q.query<KindRow>(
    `SELECT k.kind AS location_kind,
       (SELECT count(*) FROM removals r JOIN poles p ON p.id = r.pole_id WHERE r.status <> 'voided' AND p.location_kind = k.kind)::int AS removed_total,
       (SELECT count(*) FROM removals r JOIN poles p ON p.id = r.pole_id WHERE r.status <> 'voided' AND p.location_kind = k.kind AND extract(year FROM r.removed_on) = $1)::int AS removed_this_year,
       (SELECT count(*) FROM poles p WHERE p.location_kind = k.kind AND p.status <> 'removed')::int AS poles_standing
     FROM unnest(ARRAY['main_road', 'street', 'alley', 'compound']) AS k(kind)`,
    [year],
  );
  return res.rows;
}

/** Removed poles for the public map: location, day and district only — nothing personal. */
export async function removedPoints(q: Queryable, bbox: [number, number, number, number] | null, limit: number): Promise<string> {
  const res = await q.query<{ fc: string }>(
    `WITH pts AS (
       SELECT r.id, p.geom, p.code, r.removed_on, d.code AS district_code
       FROM removals r JOIN poles p ON p.id = r.pole_id LEFT JOIN districts d ON d.id = p.district_id
       WHERE r.status <> 'voided' AND ($1::float8 IS NULL OR p.geom && ST_MakeEnvelope($1, $2, $3, $4, 4326))
       ORDER BY r.id LIMIT $5)
     SELECT coalesce(json_agg(json_build_object('type', 'Feature', 'geometry', ST_AsGeoJSON(geom, 6)::json,
              'properties', json_build_object('code', code, 'removed_on', removed_on, 'district_code', district_code)) ORDER BY id), '[]'::json)::text AS fc
     FROM pts`,
    [bbox?.[0] ?? null, bbox?.[1] ?? null, bbox?.[2] ?? null, bbox?.[3] ?? null, limit],
  );
  return res.rows[0]!.fc;
}
