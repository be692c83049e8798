/** `npm run audit:verify`: walks the audit hash chain; exit 0 with the count, or 1 naming the first broken row. */
import { loadConfig } from '../server/config/config.ts';
import { openDb } from '../server/db/db.open.ts';
import { AuditService } from '../server/audit/audit.service.ts';

const config = loadConfig(process.env);
const db = await openDb({ databaseUrl: config.databaseUrl, pgliteDataDir: config.pgliteDataDir });
try {
  const r = await new AuditService(db).verify();
  if (r.ok) console.log(`audit chain OK: ${r.count} rows verified`);
  else {
    console.error(`audit chain BROKEN at row ${r.firstBrokenId}: ${r.reason} (${r.count} rows in the log)`);
    process.exitCode = 1;
  }
} finally {
  await db.close();
}
