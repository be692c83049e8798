import type { FastifyInstance } from 'fastify';
import type { Db } from '../db/db.types.ts';
import type { Config } from '../config/config.ts';
import { PUBLIC } from '../http/policy.ts';
import * as repo from './basemap.repo.ts';

const TAG = { tags: ['reference'] };
const GEOJSON = 'application/geo+json; charset=utf-8';

/**
 * Reference data read straight from the repo: there are no rules to apply, so a service
 * layer here would only forward calls.
 */
export function basemapRoutes(app: FastifyInstance, db: Db, config: Config): void {
  app.get('/api/config', { config: { policy: PUBLIC }, schema: { ...TAG, summary: 'Map settings for the web client' } }, async () => ({
    center: config.map.center,
    zoom: config.map.zoom,
    clusterBelowZoom: config.map.clusterBelowZoom,
    tileLayer: config.map.tileLayer,
    serviceArea: config.serviceAreaBbox ?? (await repo.extent(db)),
    // The burial planner's defaults, so the drawing tool shows the corridor the server will use.
    burial: { corridorM: config.burial.corridorM, roadWorksWindowDays: config.burial.roadWorksWindowDays, maxVertices: config.burial.maxVertices },
  }));
  app.get('/api/districts', { config: { policy: PUBLIC }, schema: { ...TAG, summary: 'District outlines (GeoJSON)' } }, async (_req, reply) =>
    reply.type(GEOJSON).header('Cache-Control', 'public, max-age=300').send(await repo.districtsGeoJson(db)),
  );
  app.get('/api/roads', { config: { policy: PUBLIC }, schema: { ...TAG, summary: 'The named road network (GeoJSON), the offline basemap' } }, async (_req, reply) =>
    reply.type(GEOJSON).header('Cache-Control', 'public, max-age=300').send(await repo.roadsGeoJson(db)),
  );
}
