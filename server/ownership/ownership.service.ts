import type { Db } from '../db/db.types.ts';
import type { Config } from '../config/config.ts';
import { notFound } from '../http/errors.ts';
import { parseBbox } from '../http/bbox.ts';
import { parseLimit } from '../http/paging.ts';
import * as poles from '../poles/poles.repo.ts';
import { activeFor } from '../notices/notices.repo.ts';
import { responsibility } from './ownership.rules.ts';
import * as repo from './ownership.repo.ts';

export class OwnershipService {
  constructor(
    private readonly db: Db,
    private readonly config: Config,
  ) {}

  /** Who must act on a pole, computed from the data each time (never stored, never stale). */
  async responsibility(poleId: number) {
    const f = await repo.facts(this.db, poleId);
    if (!f) throw notFound(`Pole ${poleId}`);
    const notice = await activeFor(this.db, poleId);
    return { ...responsibility(f.owner, f.ownership_status, f.active_firms), ownership_status: f.ownership_status, notice };
  }

  /** Double-pole candidates; the older or worse pole of each pair is the one to pull. */
  async doubles(q: { bbox?: string; max_m?: string; limit?: string }) {
    const maxM = q.max_m === undefined ? this.config.ownership.doublePoleMaxM : parseLimit(q.max_m, 3, 50);
    const rows = await poles.doubles(this.db, q.bbox ? parseBbox(q.bbox) : null, maxM, parseLimit(q.limit, 200, 1000));
    const rank = (p: poles.DoubleRow['a']) => [p.status === 'abandoned' ? 0 : 1, p.condition === 'good' ? 1 : 0, p.install_year ?? 0, -p.id];
    const older = (x: poles.DoubleRow['a'], y: poles.DoubleRow['a']) => {
      const [rx, ry] = [rank(x), rank(y)];
      for (let i = 0; i < rx.length; i++) if (rx[i] !== ry[i]) return rx[i]! < ry[i]!;
      return false;
    };
    return rows.map((r) => (older(r.a, r.b) ? { keep: r.b, remove: r.a, distance_m: r.distance_m } : { keep: r.a, remove: r.b, distance_m: r.distance_m }));
  }
}
