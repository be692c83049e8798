import type { Db } from '../db/db.types.ts';
import type { Config } from '../config/config.ts';
import { badRequest } from '../http/errors.ts';
import { parseBbox } from '../http/bbox.ts';
import { parseLimit } from '../http/paging.ts';
import { listFeatures } from './spans.repo.ts';

export interface SpanQuery {
  bbox?: string;
  status?: string;
  org?: string;
  limit?: string;
  cursor?: string;
}

const list = (raw: string | undefined, allowed: RegExp, name: string): string[] | null => {
  if (!raw) return null;
  const values = raw.split(',');
  for (const v of values) if (!allowed.test(v)) throw badRequest('invalid_filter', `Unknown ${name} value "${v}".`);
  return values;
};

export class SpanService {
  constructor(
    private readonly db: Db,
    private readonly config: Config,
  ) {}

  /** Overhead and buried spans unless asked otherwise; the cursor is the last id seen. */
  async list(q: SpanQuery) {
    const statuses = list(q.status, /^(overhead|buried|removed)$/, 'status') ?? ['overhead', 'buried'];
    const orgs = list(q.org, /^[a-z][a-z0-9_]{1,31}$/, 'org');
    if (q.cursor !== undefined && !/^\d{1,10}$/.test(q.cursor)) throw badRequest('invalid_cursor', 'The paging cursor is not one this server handed out.');
    const limit = parseLimit(q.limit, this.config.poles.defaultLimit, this.config.poles.maxLimit);
    const page = await listFeatures(this.db, q.bbox ? parseBbox(q.bbox) : null, statuses, orgs, Number(q.cursor ?? 0), limit);
    return { ...page, limit, next: page.lastId === null ? null : String(page.lastId) };
  }
}
