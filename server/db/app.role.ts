import type { Db } from './db.types.ts';

/**
 * The least-privilege role the server should run as on real PostgreSQL. Migrations run as
 * the owner; the server connects as this role, which can read and write the registry but can
 * only append to the audit log: UPDATE, DELETE and TRUNCATE on it are not granted at all.
 */
export async function ensureAppRole(db: Db, role: string, password: string | null): Promise<void> {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(role)) throw new Error(`"${role}" is not a plain role name`);
  // Identifiers cannot be bound as parameters; the name was checked against a strict pattern above.
  await db.tx(async (q) => {
    const exists = (await q.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role])).rows.length > 0;
    if (!exists) await q.query(`CREATE ROLE ${role} LOGIN`);
    if (password !== null) {
      const lit = (await q.query<{ l: string }>('SELECT quote_literal($1) AS l', [password])).rows[0]!.l;
      await q.query(`ALTER ROLE ${role} PASSWORD ${lit}`);
    }
    await q.query(`GRANT USAGE ON SCHEMA public TO ${role}`);
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${role}`);
    await q.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${role}`);
    await q.query(`REVOKE UPDATE, DELETE, TRUNCATE ON audit_log, pole_history, schema_migrations FROM ${role}`);
    await q.query(`REVOKE INSERT ON schema_migrations FROM ${role}`);
  });
}
