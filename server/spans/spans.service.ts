import type { Db } from '../db/db.types.ts';
import type { Config } from '../config/config.ts';
import { badRequest } from '../http/errors.ts';
import { parseBbox } from '../http/bbox.ts';
import { parseLimit } from '../http/paging.ts';
import { listParam } from '../http/list.param.ts';
import { listFeatures } from './spans.repo.ts';

export interface SpanQuery {
  bbox?: string;
  status?: string;
  org?: string;
  limit?: string;
  cursor?: string;
}

export class SpanService {
  constructor(
    private readonly db: Db,
    private readonly config: Config,
  ) {}

  /** Overhead and buried spans unless asked otherwise; the cursor is the last id seen. */
  async list(q: SpanQuery) {
    const statuses = listParam('status', q.status, /^(overhead|buried|removed)$/) ?? ['overhead', 'buried'];
    const orgs = listParam('org', q.org, /^[a-z][a-z0-9_]{1,31}$/);
    if (q.cursor !== undefined && !/^\d{1,10}$/.test(q.cursor)) throw badRequest('invalid_cursor', 'The paging cursor is not one this server handed out.');
    const limit = parseLimit(q.limit, this.config.poles.defaultLimit, this.config.poles.maxLimit);
    const page = await listFeatures(this.db, q.bbox ? parseBbox(q.bbox) : null, statuses, orgs, Number(q.cursor ?? 0), limit);
    return { ...page, limit, next: page.lastId === null ? null : String(page.lastId) };
  }
}
