-- Each pole's GeoJSON Feature, rendered when the pole or a name it shows changes, so a map
-- view is an index scan and a string concatenation instead of building ~2,000 JSON objects per
-- request (two thirds of the viewport query's time at 1M poles; see bench/RESULTS.md).
--
-- pole_feature() is the one definition of what a pole Feature carries: the stored column, the
-- map list and the portal queues all use it (server/poles/poles.repo.ts).

CREATE FUNCTION pole_feature(p poles) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT '{"type":"Feature","id":' || p.id || ',"geometry":' || ST_AsGeoJSON(p.geom, 7) || ',"properties":' ||
    json_build_object(
      'id', p.id, 'code', p.code, 'owner_code', (SELECT o.code FROM organisations o WHERE o.id = p.owner_org_id),
      'ownership_status', p.ownership_status,
      'condition', p.condition, 'status', p.status, 'material', p.material,
      'height_m', p.height_m::text, 'install_year', p.install_year, 'cable_tangle', p.cable_tangle,
      'district_code', (SELECT d.code FROM districts d WHERE d.id = p.district_id),
      'road_name_zh', (SELECT r.name_zh FROM roads r WHERE r.id = p.road_id),
      'road_name_en', (SELECT r.name_en FROM roads r WHERE r.id = p.road_id),
      'location_kind', p.location_kind, 'version', p.version,
      'removal_candidate', p.removal_candidate, 'removal_candidate_project_id', p.removal_candidate_project_id,
      'removal_candidate_since', p.removal_candidate_since)::text || '}'
$$;

ALTER TABLE poles ADD COLUMN feature text;
UPDATE poles SET feature = pole_feature(poles);
ALTER TABLE poles ALTER COLUMN feature SET NOT NULL;

-- Every write of a pole renders it again. Triggers fire in name order: this one sorts after
-- poles_district_on_*, so the district it shows is the one just derived from the point.
CREATE FUNCTION poles_render_feature() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.feature := pole_feature(NEW);
  RETURN NEW;
END $$;
CREATE TRIGGER poles_render_feature BEFORE INSERT OR UPDATE ON poles
  FOR EACH ROW EXECUTE FUNCTION poles_render_feature();

-- A renamed organisation, district or road changes what its poles show: render them again
-- (the UPDATE fires poles_render_feature, which reads the new name).
CREATE FUNCTION poles_rerender_named() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'organisations' THEN
    UPDATE poles SET feature = '' WHERE owner_org_id = NEW.id;
  ELSIF TG_TABLE_NAME = 'districts' THEN
    UPDATE poles SET feature = '' WHERE district_id = NEW.id;
  ELSE
    UPDATE poles SET feature = '' WHERE road_id = NEW.id;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER organisations_rerender_poles AFTER UPDATE OF code ON organisations
  FOR EACH ROW WHEN (OLD.code IS DISTINCT FROM NEW.code) EXECUTE FUNCTION poles_rerender_named();
CREATE TRIGGER districts_rerender_poles AFTER UPDATE OF code ON districts
  FOR EACH ROW WHEN (OLD.code IS DISTINCT FROM NEW.code) EXECUTE FUNCTION poles_rerender_named();
CREATE TRIGGER roads_rerender_poles AFTER UPDATE OF name_zh, name_en ON roads
  FOR EACH ROW WHEN (OLD.name_zh IS DISTINCT FROM NEW.name_zh OR OLD.name_en IS DISTINCT FROM NEW.name_en)
  EXECUTE FUNCTION poles_rerender_named();
