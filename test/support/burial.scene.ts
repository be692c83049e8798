import type { Db } from '../../server/db/db.types.ts';

/**
 * A crafted scene with known answers, in an empty corner of the fixture city (no pole or span
 * within 1.5 km of 115.98–115.99 E, 36.37 N): a 1,000 m route due east from ORIGIN, and poles
 * placed by geodesic offsets from it — `at` metres along the route, `off` metres north (+) or
 * south (−) of it — so every distance is exact on the ellipsoid.
 */
export const ORIGIN: [number, number] = [115.978, 36.37];

/** Pole name → [metres along the route, metres north of it]. */
export const POLES = {
  N1: [100, 5], N2: [150, 5], N3: [200, 5], // parallel, 5 m off: all three freed
  S1: [300, -30], S2: [350, -30], // parallel, 30 m off: outside the 15 m corridor
  C1: [500, 25], C2: [500, -25], // crossing, 50 m long: only 60 % inside
  C3: [600, 10], C4: [600, -10], // crossing, 20 m long: wholly inside but perpendicular
  M: [800, 5], M2: [850, 5], M3: [800, 60], // M keeps a perpendicular span, M2 is freed
} as const;
export type PoleName = keyof typeof POLES;

/** [from, to, firm] */
export const SPANS: readonly [PoleName, PoleName, string][] = [
  ['N1', 'N2', 'unicom'], ['N2', 'N3', 'unicom'],
  ['S1', 'S2', 'telecom'],
  ['C1', 'C2', 'mobile'], ['C3', 'C4', 'mobile'],
  ['M', 'M2', 'broadcast'], ['M', 'M3', 'broadcast'],
];

export interface Scene {
  route: { type: 'LineString'; coordinates: [number, number][] };
  poles: Record<PoleName, number>;
  spans: Record<string, number>;
  /** The bbox of the scene, for listing what it holds. */
  bbox: string;
}

/** Positions `at` metres east along the route and `off` metres north, computed by PostGIS on the spheroid. */
async function positions(db: Db, offsets: readonly (readonly [number, number])[]): Promise<[number, number][]> {
  const res = await db.query<{ x: number; y: number }>(
    `WITH o AS (SELECT ST_SetSRID(ST_MakePoint($1, $2), 4326)::geography AS g)
     SELECT ST_X(p::geometry) AS x, ST_Y(p::geometry) AS y
     FROM unnest($3::float8[], $4::float8[]) WITH ORDINALITY AS t(at, off, n), o,
          LATERAL (SELECT ST_Project(ST_Project(o.g, t.at, radians(90)), abs(t.off), radians(CASE WHEN t.off < 0 THEN 180 ELSE 0 END)) AS p) AS x
     ORDER BY t.n`,
    [ORIGIN[0], ORIGIN[1], offsets.map((o) => o[0]), offsets.map((o) => o[1])],
  );
  return res.rows.map((r) => [Number(r.x.toFixed(7)), Number(r.y.toFixed(7))]);
}

/** Inserts the scene's poles and spans straight into the registry (as a survey import would). */
export async function buildScene(db: Db, code = 'BT'): Promise<Scene> {
  const names = Object.keys(POLES) as PoleName[];
  const [start, end] = await positions(db, [[0, 0], [1000, 0]]);
  const pts = await positions(db, names.map((n) => POLES[n]));
  const ins = await db.query<{ id: number; code: string }>(
    `INSERT INTO poles (code, geom, ownership_status) SELECT c, ST_SetSRID(ST_MakePoint(x, y), 4326), 'unknown'
     FROM unnest($1::text[], $2::float8[], $3::float8[]) AS t(c, x, y) RETURNING id, code`,
    [names.map((n) => `${code}-${n}`), pts.map((p) => p[0]), pts.map((p) => p[1])],
  );
  const poles = Object.fromEntries(names.map((n) => [n, ins.rows.find((r) => r.code === `${code}-${n}`)!.id])) as Record<PoleName, number>;
  const sp = await db.query<{ id: number; from_pole_id: number; to_pole_id: number }>(
    `INSERT INTO spans (from_pole_id, to_pole_id, org_id, geom)
     SELECT a.id, b.id, o.id, ST_MakeLine(a.geom, b.geom)
     FROM unnest($1::int[], $2::int[], $3::text[]) AS t(f, tt, org) JOIN poles a ON a.id = t.f JOIN poles b ON b.id = t.tt
     JOIN organisations o ON o.code = t.org RETURNING id, from_pole_id, to_pole_id`,
    [SPANS.map((s) => poles[s[0]]), SPANS.map((s) => poles[s[1]]), SPANS.map((s) => s[2])],
  );
  const spans = Object.fromEntries(SPANS.map(([a, b]) => [`${a}-${b}`, sp.rows.find((r) => r.from_pole_id === poles[a] && r.to_pole_id === poles[b])!.id]));
  return { route: { type: 'LineString', coordinates: [start!, end!] }, poles, spans, bbox: '115.975,36.368,115.995,36.372' };
}
