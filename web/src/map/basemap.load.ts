import type { DistrictCollection, MapConfig, Organisation, RoadCollection } from '../api/api.types.ts';
import { fetchConfig, fetchDistricts, fetchOrganisations, fetchRoads } from '../api/reference.api.ts';
import { t } from '../i18n/i18n.ts';
import { describeError } from '../ui/error.describe.ts';
import type { ErrorBanner } from '../ui/error.banner.ts';

export interface Basemap {
  organisations: Organisation[];
  districts: DistrictCollection | null;
  roads: RoadCollection | null;
}

/** Reference data; any part may fail and the map still starts with what it has. */
export async function loadBasemap(banner: ErrorBanner): Promise<Basemap> {
  const [organisations, districts, roads] = await Promise.allSettled([fetchOrganisations(), fetchDistricts(), fetchRoads()]);
  const failed = [organisations, districts, roads].find((r) => r.status === 'rejected');
  if (failed) {
    banner.show('basemap', {
      message: () => t('error.context.basemap', { message: describeError(failed.reason) }),
      retry: () => window.location.reload(),
    });
  }
  return {
    organisations: organisations.status === 'fulfilled' ? organisations.value : [],
    districts: districts.status === 'fulfilled' ? districts.value : null,
    roads: roads.status === 'fulfilled' ? roads.value : null,
  };
}

/** The map's settings; without them there is no map, so the failure is shown and thrown. */
export async function loadConfig(banner: ErrorBanner): Promise<MapConfig> {
  try {
    return await fetchConfig();
  } catch (err) {
    banner.show('config', {
      message: () => t('error.context.config', { message: describeError(err) }),
      retry: () => window.location.reload(),
    });
    document.body.dataset.loading = '0';
    throw err;
  }
}
