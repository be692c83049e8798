import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from './db.types.ts';

export interface MigrationFile {
  id: string; // the file name, e.g. 0002_registry.sql
  sql: string;
  checksum: string;
}

export class MigrationError extends Error {
  override name = 'MigrationError';
}

const FILE_PATTERN = /^(\d{4})_[a-z0-9_]+\.sql$/;

export function readMigrations(dir: string): MigrationFile[] {
  const files = readdirSync(dir).filter((f) => f.endsWith('.sql')).sort();
  const seen = new Set<string>();
  return files.map((id) => {
    const m = FILE_PATTERN.exec(id);
    if (!m) throw new MigrationError(`migration file name "${id}" must look like NNNN_name.sql`);
    if (seen.has(m[1]!)) throw new MigrationError(`two migrations share the number ${m[1]}`);
    seen.add(m[1]!);
    const sql = readFileSync(join(dir, id), 'utf8');
    return { id, sql, checksum: createHash('sha256').update(sql).digest('hex') };
  });
}

/**
 * Applies pending migrations forward-only, each in its own transaction together with its
 * bookkeeping row, so a failed file leaves neither half a schema nor a record of success.
 * An applied file whose text changed stops everything: the database no longer matches
 * the code, and guessing would be worse than refusing.
 */
export async function migrate(db: Db, files: MigrationFile[], log: (msg: string) => void = () => undefined): Promise<string[]> {
  // Look before creating: a least-privilege server role may read this table but not create one.
  const exists = await db.query<{ t: string | null }>("SELECT to_regclass('schema_migrations')::text AS t");
  if (exists.rows[0]!.t === null) {
    await db.query(`CREATE TABLE schema_migrations (
      id text PRIMARY KEY, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
  }
  const applied = new Map(
    (await db.query<{ id: string; checksum: string }>('SELECT id, checksum FROM schema_migrations')).rows.map((r) => [r.id, r.checksum]),
  );
  const known = new Set(files.map((f) => f.id));
  for (const [id] of applied) {
    if (!known.has(id)) throw new MigrationError(`the database has migration ${id} applied, but no such file exists; is this an older checkout?`);
  }
  for (const f of files) {
    const sum = applied.get(f.id);
    if (sum !== undefined && sum !== f.checksum) {
      throw new MigrationError(
        `migration ${f.id} was edited after it was applied (checksum ${sum.slice(0, 12)}… in the database, ` +
          `${f.checksum.slice(0, 12)}… on disk). Applied migrations are immutable: restore the file and add a new migration instead.`,
      );
    }
  }
  const done: string[] = [];
  for (const f of files) {
    if (applied.has(f.id)) continue;
    await db.tx(async (q) => {
      // Two servers starting together must not both apply the same file.
      await q.query('SELECT pg_advisory_xact_lock(7301941)');
      const again = await q.query('SELECT 1 FROM schema_migrations WHERE id = $1', [f.id]);
      if (again.rows.length) return;
      try {
        await q.exec(f.sql);
      } catch (err) {
        const denied = (err as { code?: string }).code === '42501';
        throw new MigrationError(
          `migration ${f.id} failed: ${(err as Error).message}` +
            (denied ? ' — this role may not change the schema; run `npm run migrate` as the database owner first.' : ''),
        );
      }
      await q.query('INSERT INTO schema_migrations (id, checksum) VALUES ($1, $2)', [f.id, f.checksum]);
      done.push(f.id);
    });
    log(`applied migration ${f.id}`);
  }
  return done;
}
