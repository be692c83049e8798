import { createHash } from 'node:crypto';
import type { Db, Queryable } from '../db/db.types.ts';
import type { Config } from '../config/config.ts';
import { DomainError, badRequest, notFound, unprocessable } from '../http/errors.ts';
import { parseLimit } from '../http/paging.ts';
import type { RequestContext } from '../http/request.context.ts';
import { actorLabel } from '../auth/principal.ts';
import { recordAudit, recordAuditMany, type AuditEvent } from '../audit/audit.service.ts';
import * as organisations from '../organisations/organisations.repo.ts';
import * as poles from '../poles/poles.repo.ts';
import { appendHistoryMany, insertMany, outsideServiceArea, updateMany, type BulkChange, type HistoryEntry } from '../poles/poles.batch.ts';
import { auditHalves, diff, snapshot } from '../poles/poles.history.ts';
import { readCsv } from './imports.csv.ts';
import { readGeoJson, readKml } from './imports.features.ts';
import { readShapefileZip } from './imports.shapefile.ts';
import { checkColumnsApply, parseOptions, resolveFormat } from './imports.options.ts';
import { planRow, toBulkChange, toNewPole } from './imports.plan.ts';
import { normalise, type ImportRow, type Outcome } from './imports.rows.ts';
import type { ImportFormat, ImportOptions, ParsedSource } from './imports.source.ts';
import * as repo from './imports.repo.ts';

/** Set-based statements work on this many rows at a time, inside the one transaction. */
const CHUNK = 5000;
/** The dry run's answer lists at most this many rows (errors first); the rest are paged from GET. */
const PREVIEW_ROWS = 2000;

export interface UploadedImport {
  bytes: Buffer;
  filename: string | null;
  fields: Record<string, string>;
}

function* chunks<T>(items: T[], size: number): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}

function countOutcomes(rows: readonly ImportRow[]): Record<Outcome, number> {
  const counts: Record<Outcome, number> = { new: 0, update: 0, unchanged: 0, error: 0 };
  for (const r of rows) counts[r.outcome]++;
  return counts;
}

/** What a client sees of a row: the draft stays on the server. */
const publicRow = ({ pole: _pole, ...rest }: ImportRow) => rest;

function fail(r: ImportRow, problem: { code: string; reason: string }): void {
  Object.assign(r, { outcome: 'error', code: problem.code, reason: problem.reason });
  delete r.changes;
  delete r.pole_id;
}

export class ImportService {
  constructor(
    private readonly db: Db,
    private readonly config: Config,
  ) {}

  /**
   * Housekeeping: dry runs nobody committed within IMPORT_PREVIEW_TTL_HOURS are deleted, each
   * with an audit row naming whose file it was (someone may ask where their preview went).
   */
  purgeStalePreviews(now: Date, ctx: RequestContext): Promise<number> {
    return this.db.tx(async (q) => {
      const gone = await repo.purgePreviews(q, new Date(now.getTime() - this.config.imports.previewTtlHours * 3600_000));
      await recordAuditMany(q, ctx, gone.map((g) => ({
        action: 'import.purge_preview', entityType: 'import', entityId: g.id,
        before: { filename: g.filename, created_by: g.created_by }, after: { ttl_hours: this.config.imports.previewTtlHours },
      })));
      return gone.length;
    });
  }

  get maxBytes(): number {
    return this.config.imports.maxBytes;
  }

  private async read(format: ImportFormat, bytes: Buffer, opts: ImportOptions): Promise<ParsedSource> {
    const { maxUnzippedBytes, maxZipEntries, maxZipRatio } = this.config.imports;
    switch (format) {
      case 'csv': return readCsv(bytes, opts);
      case 'geojson': return readGeoJson(bytes, opts);
      case 'kml': return readKml(bytes, opts);
      case 'shapefile': return readShapefileZip(bytes, opts, { maxEntries: maxZipEntries, maxTotalBytes: maxUnzippedBytes, maxRatio: maxZipRatio });
    }
  }

  /** Rows whose point is outside the service area fail, judged in one query per chunk. */
  private async checkServiceArea(rows: ImportRow[]): Promise<void> {
    const placed = rows.filter((r) => r.pole);
    for (const chunk of chunks(placed, CHUNK)) {
      const outside = await outsideServiceArea(this.db, chunk.map((r) => r.pole!), this.config.serviceAreaBbox, this.config.serviceAreaMarginM);
      for (const i of outside) {
        const r = chunk[i]!;
        fail(r, { code: 'outside_service_area', reason: `The point ${r.pole!.lng}, ${r.pole!.lat} is outside the city's service area.` });
      }
    }
  }

  /**
   * Plans every valid row against the poles as they are now. With `lock`, the poles are locked
   * for the commit's transaction and the existing rows are handed back for the history.
   */
  private async plan(q: Queryable, rows: ImportRow[], lock: boolean): Promise<Map<string, poles.PoleRow>> {
    const existing = new Map<string, poles.PoleRow>();
    for (const r of (await poles.findMany(q, { codes: rows.map((r) => r.pole!.code) }, lock))) existing.set(r.code, r);
    for (const r of rows) {
      const e = existing.get(r.pole!.code);
      const p = planRow(r.pole!, e);
      if ('code' in p) fail(r, p);
      else Object.assign(r, { outcome: p.outcome, ...(e ? { pole_id: e.id } : {}), ...('changes' in p && p.outcome === 'update' ? { changes: p.changes } : {}) });
    }
    return existing;
  }

  async preview(upload: UploadedImport, ctx: RequestContext) {
    const opts = parseOptions(upload.fields, this.config.imports.maxRows);
    const format = resolveFormat(opts.format, upload.filename, upload.bytes);
    checkColumnsApply(format, opts);
    const src = await this.read(format, upload.bytes, opts);
    const rows = normalise(src, await organisations.list(this.db));
    await this.checkServiceArea(rows);
    for (const chunk of chunks(rows.filter((r) => r.outcome !== 'error'), CHUNK)) await this.plan(this.db, chunk, false);
    const counts = countOutcomes(rows);
    const header = {
      sha256: createHash('sha256').update(upload.bytes).digest('hex'),
      filename: upload.filename?.slice(0, 255) ?? null,
      format, encoding: src.encoding, crs: src.crs, projection: src.projection,
      columns: src.columns, lng_column: src.lngColumn, lat_column: src.latColumn, counts,
    };
    const id = await this.db.tx(async (q) => {
      const id = await repo.insert(q, { ...header, created_by: actorLabel(ctx.principal), created_by_user_id: ctx.principal.userId }, rows);
      await recordAudit(q, ctx, { action: 'import.preview', entityType: 'import', entityId: id, after: { sha256: header.sha256, filename: header.filename, format, counts } });
      return id;
    });
    // Errors first, so a long file's problems are all in view; then file order.
    const shown = rows.length <= PREVIEW_ROWS ? rows : [...rows.filter((r) => r.outcome === 'error'), ...rows.filter((r) => r.outcome !== 'error')].slice(0, PREVIEW_ROWS).sort((a, b) => a.row - b.row);
    return {
      import_id: id, status: 'previewed' as const, format, encoding_detected: src.encoding, crs: src.crs, projection: src.projection,
      columns: src.columns, lng_column: src.lngColumn, lat_column: src.latColumn, sha256: header.sha256, filename: header.filename,
      rows: shown.map(publicRow), rows_total: rows.length, rows_truncated: shown.length < rows.length, counts,
    };
  }

  async get(id: number, query: { outcome?: string; offset?: string; limit?: string }) {
    const header = await repo.findHeader(this.db, id);
    if (!header) throw notFound(`Import ${id}`);
    if (query.offset !== undefined && !/^\d{1,7}$/.test(query.offset)) throw badRequest('invalid_offset', 'offset must be a whole number.');
    const page = await repo.rowsPage(this.db, id, query.outcome ?? null, Number(query.offset ?? 0), parseLimit(query.limit, 500, PREVIEW_ROWS));
    const { id: importId, ...rest } = header;
    return { import_id: importId, ...rest, rows: page.rows.map(publicRow), rows_total: page.total };
  }

  /**
   * All or nothing, in one transaction: new poles inserted, changed ones updated (changed fields
   * only, version + 1), each with a history row and an audit row, in chunks of set-based
   * statements. Rows are planned again against the locked poles, so a second commit of the
   * same file finds nothing to change.
   */
  async commit(id: number, skipErrors: boolean, ctx: RequestContext) {
    const actor = actorLabel(ctx.principal);
    return this.db.tx(async (q) => {
      const imp = await repo.lockWithRows(q, id);
      if (!imp) throw notFound(`Import ${id} (a dry run nobody commits is deleted after a while; upload the file again)`);
      if (imp.status === 'committed') throw new DomainError('already_committed', 409, `Import ${id} was committed at ${imp.committed_at!.toISOString()}; upload the file again for a new dry run.`);
      const rows = imp.rows;
      const refuse = (n: number) => unprocessable('import_has_errors', `${n} row(s) have errors; fix the file, or commit with skip_errors to import the other rows.`, {
        errors: rows.filter((r) => r.outcome === 'error').slice(0, 20).map(publicRow),
      });
      if (!skipErrors && rows.some((r) => r.outcome === 'error')) throw refuse(rows.filter((r) => r.outcome === 'error').length);
      const done = { inserted: 0, updated: 0, unchanged: 0, skipped: rows.filter((r) => r.outcome === 'error').length };
      for (const chunk of chunks(rows.filter((r) => r.outcome !== 'error' && r.pole), CHUNK)) {
        const before = await this.plan(q, chunk, true);
        const failed = chunk.filter((r) => r.outcome === 'error');
        if (failed.length && !skipErrors) throw refuse(failed.length);
        done.skipped += failed.length;
        const created = await insertMany(q, chunk.filter((r) => r.outcome === 'new').map((r) => toNewPole(r.pole!)));
        const changing = chunk.filter((r) => r.outcome === 'update');
        const updates: BulkChange[] = changing.map((r) => toBulkChange(r.pole!, before.get(r.pole!.code)!, r.changes!));
        const updated = await updateMany(q, updates);
        done.inserted += created.length;
        done.updated += updated.length;
        done.unchanged += chunk.filter((r) => r.outcome === 'unchanged').length;
        await this.record(q, ctx, created.map((c) => c.id), changing.map((r) => before.get(r.pole!.code)!));
      }
      const result = { import_id: id, ...done };
      const committedAt = await repo.markCommitted(q, id, actor, result);
      await recordAudit(q, ctx, { action: 'import.commit', entityType: 'import', entityId: id, after: { sha256: imp.sha256, ...done } });
      return { ...result, status: 'committed' as const, committed_at: committedAt };
    });
  }

  /** History and audit rows for what a chunk wrote, read back so they show exactly what was stored. */
  private async record(q: Queryable, ctx: RequestContext, createdIds: number[], updatedBefore: poles.PoleRow[]): Promise<void> {
    const actor = actorLabel(ctx.principal);
    const before = new Map(updatedBefore.map((p) => [p.id, p]));
    const after = await poles.findMany(q, { ids: [...createdIds, ...before.keys()] });
    const history: HistoryEntry[] = [];
    const audit: AuditEvent[] = [];
    for (const row of after) {
      const was = before.get(row.id);
      const changes = was ? diff(was, row) : snapshot(row);
      history.push({ poleId: row.id, version: row.version, action: 'import', changes, actor, requestId: ctx.requestId });
      audit.push({ action: 'pole.import', entityType: 'pole', entityId: row.id, ...(was ? auditHalves(changes as Record<string, [unknown, unknown]>) : { after: changes }) });
    }
    await appendHistoryMany(q, history);
    await recordAuditMany(q, ctx, audit);
  }
}
