import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db } from '../../server/db/db.types.ts';
import { PgDb } from '../../server/db/pg.db.ts';
import { PgliteDb } from '../../server/db/pglite.db.ts';
import { migrate, readMigrations } from '../../server/db/migrate.ts';
import { MIGRATIONS_DIR } from '../../server/db/migrations.dir.ts';
import { seedFixtures } from '../../fixtures/fixtures.seed.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CACHE_DIR = join(ROOT, 'node_modules', '.cache', 'polewatch-test');

/** Changes to migrations or fixture code must invalidate the prepared database. */
function templateKey(): string {
  const h = createHash('sha256');
  for (const dir of ['migrations', 'fixtures']) {
    for (const f of readdirSync(join(ROOT, dir)).sort()) {
      if (/\.(sql|ts)$/.test(f)) h.update(f).update(readFileSync(join(ROOT, dir, f)));
    }
  }
  return h.digest('hex').slice(0, 16);
}

async function freshPglite(): Promise<Db> {
  const file = join(CACHE_DIR, `pglite-${templateKey()}.tgz`);
  if (existsSync(file)) return PgliteDb.open({ loadDataDir: new Blob([readFileSync(file)]) });
  // Building PostGIS + the fixture city takes ~20 s on PGlite; every later test process reuses it.
  const db = await PgliteDb.open();
  await migrate(db, readMigrations(MIGRATIONS_DIR));
  await seedFixtures(db);
  const blob = await db.dump();
  mkdirSync(CACHE_DIR, { recursive: true });
  writeFileSync(`${file}.tmp`, Buffer.from(await blob.arrayBuffer()));
  renameSync(`${file}.tmp`, file);
  return db;
}

async function freshPostgres(url: string): Promise<Db> {
  const db = await PgDb.open({ connectionString: url, poolMax: 5 });
  // Each test process starts from an empty schema: no leftovers from a previous run can make a test pass.
  await db.query('DROP SCHEMA IF EXISTS public CASCADE');
  await db.query('CREATE SCHEMA public');
  await migrate(db, readMigrations(MIGRATIONS_DIR));
  await seedFixtures(db);
  return db;
}

/** The database every integration test uses: PGlite by default, PostGIS with TEST_DATABASE_URL. */
export function openTestDb(): Promise<Db> {
  const url = process.env.TEST_DATABASE_URL;
  return url ? freshPostgres(url) : freshPglite();
}
