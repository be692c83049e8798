import type { Db } from '../db/db.types.ts';
import type { Config } from '../config/config.ts';
import { ANONYMOUS } from '../auth/principal.ts';
import { notFound } from '../http/errors.ts';
import { extent } from '../basemap/basemap.repo.ts';
import type { PoleService } from '../poles/poles.service.ts';
import { toFeature } from '../poles/poles.feature.ts';
import type { SpanService } from '../spans/spans.service.ts';
import { featureById as spanFeature } from '../spans/spans.repo.ts';
import type { BurialService } from '../burial/burial.service.ts';
import { featureById as projectFeature } from '../burial/burial.repo.ts';
import type { RoadWorksService } from '../roadworks/roadworks.service.ts';
import { featureById as roadWorksFeature } from '../roadworks/roadworks.repo.ts';

export interface ItemsPage {
  /** Features as JSON text, straight from SQL. */
  features: string;
  count: number;
  next: string | null;
}

interface Collection {
  id: string;
  title: string;
  description: string;
  items(q: Record<string, string | undefined>): Promise<ItemsPage>;
  item(id: number): Promise<string>;
}

/**
 * OGC API – Features over the same services the app uses, so QGIS and GDAL see exactly
 * what the map shows. Only public registry data is offered.
 */
export class OgcService {
  readonly collections: Collection[];

  constructor(
    private readonly db: Db,
    private readonly config: Config,
    poles: PoleService,
    spans: SpanService,
    planning: { burial: BurialService; roadWorks: RoadWorksService },
  ) {
    const byId = (what: string, find: (id: number) => Promise<string | undefined>) => async (id: number) => {
      const f = await find(id);
      if (!f) throw notFound(`${what} ${id}`);
      return f;
    };
    this.collections = [
      {
        id: 'poles',
        title: '通信线杆 Telecom poles',
        description: 'Weak-current poles with owner, ownership status, condition and lifecycle status. Filters: owner, ownership, condition, status, district.',
        items: (q) => poles.list({ ...q, status: q.status ?? 'in_service,abandoned,removed' }),
        item: async (id) => {
          const row = await poles.get(id);
          return JSON.stringify(toFeature(row, poles.permissions(ANONYMOUS, row)));
        },
      },
      {
        id: 'spans',
        title: '架空线缆 Cable spans',
        description: 'Cables between poles by firm: overhead, buried or removed. Filters: status, org.',
        items: (q) => spans.list({ ...q, status: q.status ?? 'overhead,buried,removed' }),
        item: byId('Span', (id) => spanFeature(this.db, id)),
      },
      {
        id: 'burial-projects',
        title: '线缆入地工程 Cable burial projects',
        description: 'Planned and finished burials of overhead cable along a route (LineString), with status, dates and length. Filters: status, district.',
        items: (q) => planning.burial.list(q),
        item: byId('Burial project', (id) => projectFeature(this.db, id)),
      },
      {
        id: 'road-works',
        title: '道路改造 Road works',
        description: 'Road renovation works (lines or areas) with planned dates and status: where cables can go underground while the road is open. Filters: status, district.',
        items: (q) => planning.roadWorks.list(q),
        item: byId('Road works', (id) => roadWorksFeature(this.db, id)),
      },
    ];
  }

  collection(id: string): Collection {
    const c = this.collections.find((x) => x.id === id);
    if (!c) throw notFound(`Collection ${id}`);
    return c;
  }

  async bbox(): Promise<[number, number, number, number]> {
    return this.config.serviceAreaBbox ?? (await extent(this.db)) ?? [-180, -90, 180, 90];
  }
}
