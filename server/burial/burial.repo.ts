import type { Queryable } from '../db/db.types.ts';
import type { Bbox } from '../config/config.ts';
import { setClause } from '../db/sql.set.ts';
import { featurePage } from '../db/sql.page.ts';

export interface FirmRef {
  code: string;
  name_zh: string;
  name_en: string;
}

export interface ProjectRow {
  id: number;
  name: string;
  status: 'proposed' | 'approved' | 'in_progress' | 'completed' | 'cancelled';
  version: number;
  district: string | null;
  route: { type: 'LineString'; coordinates: number[][] };
  /** The stored route as GeoJSON text, for feeding back into the impact query. */
  route_geojson: string;
  length_m: number;
  corridor_m: number;
  firms: FirmRef[];
  planned_start: string;
  planned_end: string;
  actual_start: string | null;
  actual_end: string | null;
  applied_impact: unknown;
  created_by: string;
  created_at: Date;
  updated_at: Date;
}

const SELECT = `SELECT b.id, b.name, b.status, b.version, d.code AS district, ST_AsGeoJSON(b.route, 7)::json AS route,
    ST_AsGeoJSON(b.route, 7) AS route_geojson, round(ST_Length(b.route::geography)::numeric, 2)::float8 AS length_m, b.corridor_m,
    coalesce((SELECT json_agg(json_build_object('code', o.code, 'name_zh', o.name_zh, 'name_en', o.name_en) ORDER BY o.code)
              FROM burial_project_firms f JOIN organisations o ON o.id = f.org_id WHERE f.project_id = b.id), '[]'::json) AS firms,
    b.planned_start, b.planned_end, b.actual_start, b.actual_end, b.applied_impact, b.created_by, b.created_at, b.updated_at
  FROM burial_projects b LEFT JOIN districts d ON d.id = b.district_id`;

export async function byId(q: Queryable, id: number, forUpdate = false): Promise<ProjectRow | undefined> {
  return (await q.query<ProjectRow>(`${SELECT} WHERE b.id = $1${forUpdate ? ' FOR UPDATE OF b' : ''}`, [id])).rows[0];
}

export interface EventRow {
  action: string;
  from_status: string | null;
  to_status: string;
  actor: string;
  at: Date;
  reason: string | null;
  details: unknown;
}

export async function events(q: Queryable, id: number): Promise<EventRow[]> {
  return (await q.query<EventRow>(
    'SELECT action, from_status, to_status, actor, at, reason, details FROM burial_project_events WHERE project_id = $1 ORDER BY id', [id])).rows;
}

export async function insertEvent(q: Queryable, e: { projectId: number; action: string; from: string | null; to: string; actor: string; reason: string | null; details: unknown }): Promise<void> {
  await q.query(
    'INSERT INTO burial_project_events (project_id, action, from_status, to_status, actor, reason, details) VALUES ($1, $2, $3, $4, $5, $6, $7)',
    [e.projectId, e.action, e.from, e.to, e.actor, e.reason, JSON.stringify(e.details)],
  );
}

/** What a map or GIS client needs of a project; the impact and the event trail stay on GET /:id. */
const FEATURE = `json_build_object('type', 'Feature', 'id', b.id, 'geometry', ST_AsGeoJSON(b.route, 7)::json,
    'properties', json_build_object('id', b.id, 'name', b.name, 'status', b.status, 'district_code', d.code,
      'length_m', round(ST_Length(b.route::geography)::numeric, 1), 'corridor_m', b.corridor_m,
      'planned_start', b.planned_start, 'planned_end', b.planned_end, 'actual_start', b.actual_start,
      'actual_end', b.actual_end, 'version', b.version))`;

export interface ProjectFilter {
  bbox: Bbox | null;
  statuses: string[] | null;
  districts: string[] | null;
}

/** Projects as GeoJSON text, keyset-paged by id. */
export async function listFeatures(q: Queryable, f: ProjectFilter, afterId: number, limit: number) {
  return featurePage(q, `
       SELECT b.id, ${FEATURE} AS f
       FROM burial_projects b LEFT JOIN districts d ON d.id = b.district_id
       WHERE b.id > $1 AND ($3::text[] IS NULL OR b.status = ANY($3::text[]))
         AND ($4::float8 IS NULL OR b.route && ST_MakeEnvelope($4, $5, $6, $7, 4326))
         AND ($8::text[] IS NULL OR d.code = ANY($8::text[]))
       ORDER BY b.id LIMIT $2 + 1`,
    afterId, limit, [f.statuses, f.bbox?.[0] ?? null, f.bbox?.[1] ?? null, f.bbox?.[2] ?? null, f.bbox?.[3] ?? null, f.districts]);
}

export async function featureById(q: Queryable, id: number): Promise<string | undefined> {
  const page = await q.query<{ f: string }>(
    `SELECT ${FEATURE}::text AS f
     FROM burial_projects b LEFT JOIN districts d ON d.id = b.district_id WHERE b.id = $1`,
    [id],
  );
  return page.rows[0]?.f;
}

export interface NewProject {
  name: string;
  districtId: number | null;
  routeGeojson: string;
  corridorM: number;
  plannedStart: string;
  plannedEnd: string;
  by: string;
}

/** The district holding a route's midpoint, else the nearest one: SQL over a route expression. */
const districtOfRoute = (route: string) => `(SELECT d.id FROM districts d ORDER BY ST_Distance(d.geom, ST_LineInterpolatePoint(${route}, 0.5)), d.id LIMIT 1)`;

/** The district, when not named, is the one holding the route's midpoint, else the nearest. */
export async function insert(q: Queryable, p: NewProject): Promise<number> {
  const res = await q.query<{ id: number }>(
    `WITH r AS (SELECT ST_SetSRID(ST_GeomFromGeoJSON($3), 4326) AS geom)
     INSERT INTO burial_projects (name, district_id, route, corridor_m, planned_start, planned_end, created_by)
     SELECT $1, coalesce($2::int, ${districtOfRoute('r.geom')}),
            r.geom, $4, $5, $6, $7
     FROM r RETURNING id`,
    [p.name, p.districtId, p.routeGeojson, p.corridorM, p.plannedStart, p.plannedEnd, p.by],
  );
  return res.rows[0]!.id;
}

export async function setFirms(q: Queryable, projectId: number, orgIds: number[]): Promise<void> {
  await q.query('DELETE FROM burial_project_firms WHERE project_id = $1 AND org_id <> ALL($2::int[])', [projectId, orgIds]);
  await q.query(
    'INSERT INTO burial_project_firms (project_id, org_id) SELECT $1, unnest($2::int[]) ON CONFLICT DO NOTHING',
    [projectId, orgIds],
  );
}

export interface ProjectChanges {
  name?: string;
  district_id?: number;
  route?: string;
  corridor_m?: number;
  planned_start?: string;
  planned_end?: string;
  status?: string;
  actual_start?: string;
  actual_end?: string;
  applied_impact?: string;
}

/** Applies the changes if the version is still the caller's; undefined when someone got there first. */
export async function update(q: Queryable, id: number, version: number, c: ProjectChanges): Promise<number | undefined> {
  const params: unknown[] = [id, version];
  const sets = setClause(c, ['name', 'district_id', 'corridor_m', 'planned_start', 'planned_end', 'status', 'actual_start', 'actual_end'], params);
  if (c.route !== undefined) {
    params.push(c.route);
    const route = `ST_SetSRID(ST_GeomFromGeoJSON($${params.length}), 4326)`;
    sets.push(`route = ${route}`);
    // A redrawn route moves the project with it unless the same edit names the district.
    if (c.district_id === undefined) sets.push(`district_id = ${districtOfRoute(route)}`);
  }
  if (c.applied_impact !== undefined) {
    params.push(c.applied_impact);
    sets.push(`applied_impact = $${params.length}::jsonb`);
  }
  const res = await q.query<{ version: number }>(
    `UPDATE burial_projects SET ${[...sets, 'version = version + 1', 'updated_at = now()'].join(', ')} WHERE id = $1 AND version = $2 RETURNING version`,
    params,
  );
  return res.rows[0]?.version;
}

export async function transition(q: Queryable, from: string, action: string): Promise<string | undefined> {
  const res = await q.query<{ to_status: string }>('SELECT to_status FROM burial_transitions WHERE from_status = $1 AND action = $2', [from, action]);
  return res.rows[0]?.to_status;
}

/** Organisations by code that are carriers; the caller compares counts to find unknown codes. */
export async function carriersByCode(q: Queryable, codes: string[]): Promise<{ id: number; code: string }[]> {
  return (await q.query<{ id: number; code: string }>("SELECT id, code FROM organisations WHERE kind = 'carrier' AND code = ANY($1::text[])", [codes])).rows;
}

export async function districtByCode(q: Queryable, code: string): Promise<number | undefined> {
  return (await q.query<{ id: number }>('SELECT id FROM districts WHERE code = $1', [code])).rows[0]?.id;
}
