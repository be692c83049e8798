/**
 * `npm run db:app-role -- [role]`: creates or refreshes the server's least-privilege role on
 * DATABASE_URL (run as the database owner, after migrations). Password from APP_ROLE_PASSWORD.
 */
import { loadConfig } from '../server/config/config.ts';
import { openDb } from '../server/db/db.open.ts';
import { ensureAppRole } from '../server/db/app.role.ts';

const config = loadConfig(process.env);
if (!config.databaseUrl) {
  console.error('db:app-role is for real PostgreSQL: set DATABASE_URL to the owner connection.');
  process.exit(2);
}
const role = process.argv[2] ?? 'polewatch_app';
const db = await openDb({ databaseUrl: config.databaseUrl });
try {
  await ensureAppRole(db, role, process.env.APP_ROLE_PASSWORD ?? null);
  console.log(`role ${role}: may read and write the registry, may only append to audit_log and pole_history`);
} catch (err) {
  console.error(`db:app-role failed: ${(err as Error).message}`);
  process.exitCode = 1;
} finally {
  await db.close();
}
