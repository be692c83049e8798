/**
 * The one definition of "the overhead spans along a route", as SQL common table expressions
 * shared by the impact of a burial route, its completion and the dig-once ranking of road works.
 *
 * The caller supplies `routes(key, geom, corridor_m)` (geom in SRID 4326, any of the road-works
 * types) and gets, set-based for all routes at once:
 *  - `zones(key, geom, corridor_m, buf)`: the route buffered on the geography, so the corridor
 *    is metres on the ground whatever the latitude;
 *  - `along(key, id, org_id, from_pole_id, to_pole_id, len)`: overhead spans with at least
 *    ALONG_SHARE of their geodesic length inside the buffer and, for lines, running within
 *    MAX_ANGLE_DEG of the route segment nearest the span's midpoint (angles modulo 180°, a
 *    cable has no direction). Areas have no direction, so only the share counts there;
 *  - `freed(key, pole_id)`: standing poles all of whose overhead spans are in `along` (and that
 *    had at least one).
 * Nothing here binds parameters; the caller's `routes` text holds the `$n` references.
 */
export const ALONG_SHARE = 0.8;
export const MAX_ANGLE_DEG = 30;

export function corridorCtes(routes: string): string {
  return `routes AS (${routes}),
  zones AS (
    SELECT r.key, ST_RemoveRepeatedPoints(r.geom) AS geom, r.corridor_m::float8 AS corridor_m,
           ST_Buffer(r.geom::geography, r.corridor_m::float8)::geometry AS buf
    FROM routes r
  ),
  segs AS (
    SELECT z.key, (d).geom::geography AS seg_g,
           ST_Azimuth(ST_StartPoint((d).geom)::geography, ST_EndPoint((d).geom)::geography) AS az
    FROM zones z, LATERAL ST_DumpSegments(z.geom) AS d
    WHERE ST_Dimension(z.geom) = 1
  ),
  cand AS (
    SELECT z.key, z.corridor_m, ST_Dimension(z.geom) AS dim, s.id, s.org_id, s.from_pole_id, s.to_pole_id,
           ST_Length(s.geom::geography) AS len,
           ST_Length(ST_Intersection(s.geom, z.buf)::geography) AS len_inside,
           ST_LineInterpolatePoint(s.geom, 0.5)::geography AS mid_g,
           ST_Azimuth(ST_StartPoint(s.geom)::geography, ST_EndPoint(s.geom)::geography) AS az
    FROM zones z JOIN spans s ON s.geom && z.buf AND ST_Intersects(s.geom, z.buf)
    WHERE s.status = 'overhead'
  ),
  along AS (
    SELECT c.key, c.id, c.org_id, c.from_pole_id, c.to_pole_id, c.len
    FROM cand c
    WHERE c.len > 0 AND c.len_inside >= ${ALONG_SHARE} * c.len
      AND (c.dim = 2 OR (
        SELECT degrees(least(x.d, pi() - x.d))
        FROM segs g, LATERAL (SELECT abs(c.az - g.az) - pi() * floor(abs(c.az - g.az) / pi()) AS d) AS x
        WHERE g.key = c.key AND g.az IS NOT NULL AND ST_DWithin(g.seg_g, c.mid_g, 2 * c.corridor_m + 20)
        ORDER BY ST_Distance(g.seg_g, c.mid_g) LIMIT 1
      ) <= ${MAX_ANGLE_DEG})
  ),
  touched AS (
    SELECT DISTINCT a.key, e.pole_id FROM along a, LATERAL (VALUES (a.from_pole_id), (a.to_pole_id)) AS e(pole_id)
  ),
  freed AS (
    SELECT t.key, t.pole_id FROM touched t JOIN poles p ON p.id = t.pole_id AND p.status <> 'removed'
    WHERE NOT EXISTS (
      SELECT 1 FROM spans s
      WHERE s.status = 'overhead' AND (s.from_pole_id = t.pole_id OR s.to_pole_id = t.pole_id)
        AND NOT EXISTS (SELECT 1 FROM along a WHERE a.key = t.key AND a.id = s.id)
    )
  )`;
}
