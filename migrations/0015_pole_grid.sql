-- Zoomed-out map views count poles per grid cell. Counting them live reads every pole in the
-- view: at 1M poles a city view took ~0.5 s. pole_grid holds, for each zoom level the map
-- aggregates at, each cell's count of live poles (in service or abandoned: the map's default),
-- the sums of their coordinates (for the cell's mean position) and the flagged counts.
-- Statement-level triggers keep it exact in the same transaction as the write; the summary
-- takes whole cells inside the view from here and counts only the cells on its edge live.

-- The side of a cell at a zoom: about 64 screen pixels (a 256-pixel tile spans 360/2^zoom degrees).
-- 90/2^zoom is exact in binary, so a point falls in the same cell in every query.
CREATE FUNCTION pole_cell_deg(zoom integer) RETURNS float8 LANGUAGE sql IMMUTABLE AS $$
  SELECT 90.0::float8 / power(2.0::float8, zoom)
$$;

-- Zoom levels kept in pole_grid; deeper views (single poles from zoom 16 by default) count live.
CREATE FUNCTION pole_grid_max_zoom() RETURNS integer LANGUAGE sql IMMUTABLE AS $$ SELECT 15 $$;

-- What the map flags as broken in a cell.
CREATE FUNCTION pole_is_broken(condition text) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
  SELECT condition IN ('broken', 'fallen')
$$;

CREATE TABLE pole_grid (
  zoom   smallint NOT NULL,
  cx     integer NOT NULL,
  cy     integer NOT NULL,
  n      integer NOT NULL,
  sx     float8 NOT NULL,
  sy     float8 NOT NULL,
  orphan integer NOT NULL,
  broken integer NOT NULL,
  tangle integer NOT NULL,
  PRIMARY KEY (zoom, cx, cy)
);

-- The one statement that adds changes to the grid. `source` yields (g geometry, s ±1, orphan,
-- broken, tangle); it is text because the triggers read their transition tables, which only
-- the trigger function itself can see.
CREATE FUNCTION pole_grid_upsert_sql(source text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT format($q$
    INSERT INTO pole_grid AS t (zoom, cx, cy, n, sx, sy, orphan, broken, tangle)
    SELECT z.zoom, floor(ST_X(c.g) / pole_cell_deg(z.zoom))::int, floor(ST_Y(c.g) / pole_cell_deg(z.zoom))::int,
           sum(c.s)::int, sum(c.s * ST_X(c.g)), sum(c.s * ST_Y(c.g)),
           coalesce(sum(c.s) FILTER (WHERE c.orphan), 0)::int, coalesce(sum(c.s) FILTER (WHERE c.broken), 0)::int,
           coalesce(sum(c.s) FILTER (WHERE c.tangle), 0)::int
    FROM (%s) AS c(g, s, orphan, broken, tangle)
    CROSS JOIN generate_series(0, pole_grid_max_zoom()) AS z(zoom)
    GROUP BY 1, 2, 3
    ON CONFLICT (zoom, cx, cy) DO UPDATE SET n = t.n + EXCLUDED.n, sx = t.sx + EXCLUDED.sx, sy = t.sy + EXCLUDED.sy,
      orphan = t.orphan + EXCLUDED.orphan, broken = t.broken + EXCLUDED.broken, tangle = t.tangle + EXCLUDED.tangle
  $q$, source)
$$;

CREATE FUNCTION pole_grid_track() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  live constant text := $s$ SELECT %1$s.geom, %2$s, %1$s.owner_org_id IS NULL, pole_is_broken(%1$s.condition), %1$s.cable_tangle $s$;
  -- Only what the grid shows: position, live or not, owner known or not, broken or not, tangle.
  changed constant text := $s$ (o.geom, o.status <> 'removed', o.owner_org_id IS NULL, pole_is_broken(o.condition), o.cable_tangle)
    IS DISTINCT FROM (n.geom, n.status <> 'removed', n.owner_org_id IS NULL, pole_is_broken(n.condition), n.cable_tangle) $s$;
BEGIN
  IF TG_OP = 'INSERT' THEN
    EXECUTE pole_grid_upsert_sql(format(live, 'n', 1) || ' FROM new_rows n WHERE n.status <> ''removed''');
  ELSIF TG_OP = 'DELETE' THEN
    EXECUTE pole_grid_upsert_sql(format(live, 'o', -1) || ' FROM old_rows o WHERE o.status <> ''removed''');
  ELSE
    EXECUTE pole_grid_upsert_sql(
      format(live, 'o', -1) || ' FROM old_rows o JOIN new_rows n USING (id) WHERE o.status <> ''removed'' AND ' || changed ||
      ' UNION ALL ' ||
      format(live, 'n', 1) || ' FROM old_rows o JOIN new_rows n USING (id) WHERE n.status <> ''removed'' AND ' || changed);
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER poles_grid_on_insert AFTER INSERT ON poles REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION pole_grid_track();
CREATE TRIGGER poles_grid_on_update AFTER UPDATE ON poles REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION pole_grid_track();
CREATE TRIGGER poles_grid_on_delete AFTER DELETE ON poles REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION pole_grid_track();

-- From scratch: after this migration, and after bulk loads that bypassed the triggers.
CREATE FUNCTION pole_grid_rebuild() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM pole_grid;
  EXECUTE pole_grid_upsert_sql($s$ SELECT p.geom, 1, p.owner_org_id IS NULL, pole_is_broken(p.condition), p.cable_tangle FROM poles p WHERE p.status <> 'removed' $s$);
END $$;
SELECT pole_grid_rebuild();

-- The whole cells of a view at a zoom, as cell index ranges (empty when the zoom is deeper than
-- the grid or the view holds no whole cell), and the cell size itself.
CREATE FUNCTION pole_grid_interior(zoom integer, x1 float8, y1 float8, x2 float8, y2 float8,
    OUT cell float8, OUT gx1 integer, OUT gx2 integer, OUT gy1 integer, OUT gy2 integer, OUT usable boolean)
  LANGUAGE sql IMMUTABLE AS $$
  SELECT c, ceil(x1 / c)::int, floor(x2 / c)::int - 1, ceil(y1 / c)::int, floor(y2 / c)::int - 1,
         zoom <= pole_grid_max_zoom() AND ceil(x1 / c) <= floor(x2 / c) - 1 AND ceil(y1 / c) <= floor(y2 / c) - 1
  FROM (SELECT pole_cell_deg(zoom) AS c) k
$$;
