/** `npm run seed`: loads the fixture city into DATABASE_URL (or the embedded database), once. */
import { loadConfig } from '../server/config/config.ts';
import { openDb } from '../server/db/db.open.ts';
import { migrate, readMigrations } from '../server/db/migrate.ts';
import { MIGRATIONS_DIR } from '../server/db/migrations.dir.ts';
import { seedFixtures } from '../fixtures/fixtures.seed.ts';

const config = loadConfig(process.env);
const db = await openDb({ databaseUrl: config.databaseUrl, pgliteDataDir: config.pgliteDataDir });
try {
  await migrate(db, readMigrations(MIGRATIONS_DIR), (m) => console.log(m));
  const res = await seedFixtures(db, (m) => console.log(m));
  if (res === null) console.log(`${db.kind}: fixtures are already loaded; nothing to do`);
} catch (err) {
  console.error(`seeding failed: ${(err as Error).message}`);
  process.exitCode = 1;
} finally {
  await db.close();
}
