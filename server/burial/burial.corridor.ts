/**
 * The one definition of "the overhead spans along a route", as SQL common table expressions
 * shared by the impact of a burial route, its completion and the dig-once ranking of road works.
 *
 * The caller supplies `routes(key, geom, corridor_m)` (geom in SRID 4326, any of the road-works
 * types) and gets, set-based for all routes at once:
 *  - `zones(key, geom, thin, corridor_m, buf)`: the route buffered on the geography, so the corridor
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
  -- A densely drawn line is thinned to within about 0.2 m before it is buffered and cut into
  -- segments: the corridor is metres wide and direction is judged against 30°, so nothing that
  -- matters moves, while a 10,000-vertex route stops costing 10,000 segments per span.
  thin AS (
    SELECT r.key, r.geom, r.corridor_m::float8 AS corridor_m,
           CASE WHEN ST_Dimension(r.geom) = 1 THEN ST_Simplify(ST_RemoveRepeatedPoints(r.geom), 0.000002) ELSE r.geom END AS thin
    FROM routes r
  ),
  zones AS MATERIALIZED (
    SELECT t.key, t.geom, t.thin, t.corridor_m, ST_Buffer(t.thin::geography, t.corridor_m)::geometry AS buf FROM thin t
  ),
  segs AS MATERIALIZED (
    SELECT z.key, (d).geom AS seg, (d).geom::geography AS seg_g,
           ST_Azimuth(ST_StartPoint((d).geom)::geography, ST_EndPoint((d).geom)::geography) AS az
    FROM zones z, LATERAL ST_DumpSegments(z.thin) AS d
    WHERE ST_Dimension(z.geom) = 1
  ),
  cand AS (
    SELECT z.key, z.corridor_m, ST_Dimension(z.geom) AS dim, s.id, s.org_id, s.from_pole_id, s.to_pole_id,
           ST_Length(s.geom::geography) AS len,
           -- Most spans lie wholly inside; only those that leave the strip need cutting.
           CASE WHEN ST_CoveredBy(s.geom, z.buf) THEN ST_Length(s.geom::geography)
                ELSE ST_Length(ST_Intersection(s.geom, z.buf)::geography) END AS len_inside,
           ST_LineInterpolatePoint(s.geom, 0.5)::geography AS mid_g,
           -- A box round the midpoint wider than the search radius, in degrees at this latitude,
           -- so the bounding-box test skips far segments before any geodesic distance.
           ST_Expand(ST_LineInterpolatePoint(s.geom, 0.5), (2 * z.corridor_m + 25) / (110000 * cos(radians(ST_Y(ST_StartPoint(s.geom))))),
                     (2 * z.corridor_m + 25) / 110000) AS near,
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
        WHERE g.key = c.key AND g.az IS NOT NULL AND g.seg && c.near AND ST_DWithin(g.seg_g, c.mid_g, 2 * c.corridor_m + 20)
        ORDER BY ST_Distance(g.seg_g, c.mid_g) LIMIT 1
      ) <= ${MAX_ANGLE_DEG})
  ),
  -- A pole is freed when the along spans at it are all its overhead spans: along spans are
  -- overhead spans, so comparing the two counts is enough and needs no join between them.
  along_ends AS (
    SELECT key, pole_id, count(*) AS n
    FROM (SELECT key, from_pole_id AS pole_id FROM along UNION ALL SELECT key, to_pole_id FROM along) AS e
    GROUP BY key, pole_id
  ),
  -- Every overhead span at those poles, through the from/to indexes (an OR would scan them all).
  overhead_ends AS (
    SELECT key, pole_id, count(*) AS n FROM (
      SELECT t.key, t.pole_id FROM along_ends t JOIN spans s ON s.from_pole_id = t.pole_id AND s.status = 'overhead'
      UNION ALL
      SELECT t.key, t.pole_id FROM along_ends t JOIN spans s ON s.to_pole_id = t.pole_id AND s.status = 'overhead'
    ) AS e GROUP BY key, pole_id
  ),
  freed AS (
    SELECT a.key, a.pole_id FROM along_ends a
      JOIN overhead_ends o ON o.key = a.key AND o.pole_id = a.pole_id AND o.n = a.n
      JOIN poles p ON p.id = a.pole_id AND p.status <> 'removed'
  )`;
}
