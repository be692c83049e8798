import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Db } from '../server/db/db.types.ts';
import { PgDb } from '../server/db/pg.db.ts';
import { PgliteDb } from '../server/db/pglite.db.ts';
import { migrate, readMigrations, MigrationError } from '../server/db/migrate.ts';

/** A scratch database of the same kind as the suite's, so the runner is tested on both back ends. */
let db: Db;
let dropScratch: () => Promise<void> = async () => undefined;
const dir = mkdtempSync(join(tmpdir(), 'polewatch-migrations-'));

before(async () => {
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const name = `polewatch_migrate_${process.pid}`;
    const admin = await PgDb.open({ connectionString: url, poolMax: 1 });
    await admin.query(`DROP DATABASE IF EXISTS ${name}`);
    await admin.query(`CREATE DATABASE ${name}`);
    const u = new URL(url);
    u.pathname = `/${name}`;
    db = await PgDb.open({ connectionString: u.toString(), poolMax: 2 });
    dropScratch = async () => {
      await admin.query(`DROP DATABASE IF EXISTS ${name}`);
      await admin.close();
    };
  } else {
    db = await PgliteDb.open();
  }
});
after(async () => {
  await db.close();
  await dropScratch();
  rmSync(dir, { recursive: true, force: true });
});

const write = (name: string, sql: string) => writeFileSync(join(dir, name), sql);

test('applies pending files in order and records checksums', async () => {
  write('0001_one.sql', 'CREATE TABLE one (v int);');
  write('0002_two.sql', 'CREATE TABLE two (v int); INSERT INTO two VALUES (2);');
  assert.deepEqual(await migrate(db, readMigrations(dir)), ['0001_one.sql', '0002_two.sql']);
  assert.deepEqual(await migrate(db, readMigrations(dir)), [], 'a second run changes nothing');
  const { rows } = await db.query<{ id: string; checksum: string }>('SELECT id, checksum FROM schema_migrations ORDER BY id');
  assert.deepEqual(rows.map((r) => r.id), ['0001_one.sql', '0002_two.sql']);
  assert.match(rows[0]!.checksum, /^[0-9a-f]{64}$/);
});

test('a failing file leaves neither half its schema nor a record', async () => {
  write('0003_bad.sql', 'CREATE TABLE three (v int); SELECT no_such_function();');
  await assert.rejects(migrate(db, readMigrations(dir)), (e: Error) => e instanceof MigrationError && /0003_bad\.sql failed/.test(e.message));
  const t = await db.query("SELECT to_regclass('three') AS t");
  assert.equal((t.rows[0] as { t: unknown }).t, null);
  const m = await db.query("SELECT 1 FROM schema_migrations WHERE id = '0003_bad.sql'");
  assert.equal(m.rows.length, 0);
  rmSync(join(dir, '0003_bad.sql'));
});

test('editing an applied migration stops start-up with a clear message', async () => {
  write('0001_one.sql', 'CREATE TABLE one (v int, w int);');
  await assert.rejects(migrate(db, readMigrations(dir)), (e: Error) => e instanceof MigrationError && /0001_one\.sql was edited after it was applied/.test(e.message));
  write('0001_one.sql', 'CREATE TABLE one (v int);');
});

test('a migration applied in the database but missing on disk is refused', async () => {
  rmSync(join(dir, '0002_two.sql'));
  await assert.rejects(migrate(db, readMigrations(dir)), /0002_two\.sql applied, but no such file exists/);
  write('0002_two.sql', 'CREATE TABLE two (v int); INSERT INTO two VALUES (2);');
});

test('badly named files are refused before anything runs', () => {
  write('3_oops.sql', 'SELECT 1;');
  assert.throws(() => readMigrations(dir), /must look like NNNN_name\.sql/);
  rmSync(join(dir, '3_oops.sql'));
});
