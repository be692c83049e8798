import { getJson } from './api.client.ts';
import type { DistrictCollection, MapConfig, Organisation, RoadCollection } from './api.types.ts';

// Reference data that is loaded once at start-up and changes rarely.

export async function fetchConfig(signal?: AbortSignal): Promise<MapConfig> {
  return (await getJson<MapConfig>('/api/config', signal)).body;
}

export async function fetchOrganisations(signal?: AbortSignal): Promise<Organisation[]> {
  return (await getJson<{ items: Organisation[] }>('/api/organisations', signal)).body.items;
}

export async function fetchDistricts(signal?: AbortSignal): Promise<DistrictCollection> {
  return (await getJson<DistrictCollection>('/api/districts', signal)).body;
}

export async function fetchRoads(signal?: AbortSignal): Promise<RoadCollection> {
  return (await getJson<RoadCollection>('/api/roads', signal)).body;
}
