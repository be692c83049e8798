import type { Db } from '../db/db.types.ts';
import { badRequest } from '../http/errors.ts';
import { shanghaiToday } from '../http/dates.ts';
import { parseBbox } from '../http/bbox.ts';
import { parseLimit } from '../http/paging.ts';
import * as repo from './dashboard.repo.ts';
import { toCsv } from './dashboard.csv.ts';

export type DashboardTable = 'districts' | 'firms' | 'location_kinds';

const KIND_NAMES: Record<string, [string, string]> = {
  main_road: ['主干道', 'Main road'], street: ['街道', 'Street'], alley: ['背街小巷', 'Alley'], compound: ['居民小区', 'Residential compound'],
};

export class DashboardService {
  constructor(
    private readonly db: Db,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private year(raw: string | undefined): number {
    if (raw === undefined) return Number(shanghaiToday(this.now()).slice(0, 4));
    if (!/^\d{4}$/.test(raw) || Number(raw) < 2000 || Number(raw) > 2100) throw badRequest('invalid_year', 'year must be a four-digit year from 2000 to 2100.');
    return Number(raw);
  }

  async figures(rawYear?: string) {
    const year = this.year(rawYear);
    const campaign = await repo.activeCampaign(this.db);
    const today = shanghaiToday(this.now());
    const [totals, months, districts, firms, kinds] = await Promise.all([
      repo.totals(this.db, year, campaign?.baseline_until ?? null),
      repo.monthly(this.db, today.slice(0, 7)),
      repo.byDistrict(this.db, year),
      repo.byFirm(this.db, year),
      repo.byLocationKind(this.db, year),
    ]);
    let removed = 0;
    let km = 0;
    const series = months.map((m) => ({ ...m, cumulative_removed: (removed += m.removed), cumulative_km: Math.round((km += m.km) * 1000) / 1000 }));
    return {
      year,
      as_of: today,
      campaign,
      totals,
      series,
      by_district: districts,
      by_firm: firms,
      by_location_kind: kinds,
      // Enforcement figures join here once cases exist; until then they are absent, not zero.
      enforcement: null,
    };
  }

  async csv(table: DashboardTable, rawYear?: string): Promise<{ filename: string; body: string }> {
    const f = await this.figures(rawYear);
    const y = f.year;
    if (table === 'districts') {
      return {
        filename: `polewatch-districts-${y}.csv`,
        body: toCsv(
          ['区 District', '代码 Code', '累计拔除 Removed (all time)', `${y}年拔除 Removed ${y}`, `${y}年目标 Target ${y}`, '入地公里 km buried', '无主杆 Orphan poles', '在册线杆 Poles standing', '待审认领 Open claims'],
          f.by_district.map((d) => [d.name_zh + ' ' + d.name_en, d.code, d.removed_total, d.removed_this_year, d.target_poles ?? '', d.km_buried.toFixed(3), d.orphan_poles, d.poles_standing, d.open_claims]),
        ),
      };
    }
    if (table === 'firms') {
      return {
        filename: `polewatch-firms-${y}.csv`,
        body: toCsv(
          ['排名 Rank', '单位 Firm', '代码 Code', '拔除完成 Removals done', `${y}年拔除 Removals ${y}`, '权属线杆 Poles owned', '提交认领 Claims filed', '认领确认 Claims accepted', '入地公里 km buried'],
          f.by_firm.map((r, i) => [i + 1, `${r.name_zh} ${r.name_en}`, r.code, r.removals_done, r.removals_this_year, r.poles_owned, r.claims_filed, r.claims_accepted, r.km_buried.toFixed(3)]),
        ),
      };
    }
    return {
      filename: `polewatch-location-kinds-${y}.csv`,
      body: toCsv(
        ['位置类型 Location kind', '累计拔除 Removed (all time)', `${y}年拔除 Removed ${y}`, '在册线杆 Poles standing'],
        f.by_location_kind.map((k) => [KIND_NAMES[k.location_kind]!.join(' '), k.removed_total, k.removed_this_year, k.poles_standing]),
      ),
    };
  }

  /** What anyone may see: figures and places, no names, no evidence. */
  async publicProgress() {
    const f = await this.figures();
    return {
      as_of: f.as_of,
      campaign: f.campaign,
      totals: { removed_total: f.totals.removed_total, removed_this_year: f.totals.removed_this_year, target_poles: f.totals.target_poles, km_buried_total: f.totals.km_buried_total, km_buried_this_year: f.totals.km_buried_this_year, target_km: f.totals.target_km, orphan_poles: f.totals.orphan_poles },
      series: f.series.map((s) => ({ month: s.month, cumulative_removed: s.cumulative_removed, cumulative_km: s.cumulative_km })),
      by_district: f.by_district.map((d) => ({ code: d.code, name_zh: d.name_zh, name_en: d.name_en, removed_total: d.removed_total, km_buried: d.km_buried })),
    };
  }

  removedPoints(q: { bbox?: string; limit?: string }) {
    return repo.removedPoints(this.db, q.bbox ? parseBbox(q.bbox) : null, parseLimit(q.limit, 5000, 20000));
  }
}
