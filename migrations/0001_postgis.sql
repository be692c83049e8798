-- PostGIS is the spatial engine of both back ends. On real PostgreSQL the migrating role
-- must be allowed to create it (or an administrator creates it beforehand).
CREATE EXTENSION IF NOT EXISTS postgis;
