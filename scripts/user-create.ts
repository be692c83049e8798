/**
 * `npm run user:create -- --username NAME --role admin [--display-name …] [--org CODE] [--district CODE]`
 * Creates an account, e.g. a deployment's first admin. The password is read from standard
 * input (or POLEWATCH_PASSWORD), never from the command line where `ps` would show it.
 */
import { parseArgs } from 'node:util';
import { createInterface } from 'node:readline/promises';
import { loadConfig } from '../server/config/config.ts';
import { openDb } from '../server/db/db.open.ts';
import { UserService } from '../server/users/users.service.ts';
import { systemPrincipal, ROLES, type Role } from '../server/auth/principal.ts';
import { DomainError, fromSqlState } from '../server/http/errors.ts';

const { values } = parseArgs({
  options: {
    username: { type: 'string' },
    role: { type: 'string' },
    'display-name': { type: 'string' },
    org: { type: 'string' },
    district: { type: 'string' },
    'org-admin': { type: 'boolean', default: false },
  },
});
if (!values.username || !values.role || !(ROLES as readonly string[]).includes(values.role)) {
  console.error(`usage: npm run user:create -- --username NAME --role (${ROLES.join('|')}) [--display-name TEXT] [--org CODE] [--district CODE] [--org-admin]`);
  process.exit(2);
}

async function readPassword(): Promise<string> {
  if (process.env.POLEWATCH_PASSWORD) return process.env.POLEWATCH_PASSWORD;
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: false });
  if (process.stdin.isTTY) process.stderr.write('password (at least 10 characters): ');
  const line = await rl.question('');
  rl.close();
  return line.trim();
}

const password = await readPassword();
if (password.length < 10) {
  console.error('the password must have at least 10 characters');
  process.exit(2);
}
const config = loadConfig(process.env);
const db = await openDb({ databaseUrl: config.databaseUrl, pgliteDataDir: config.pgliteDataDir });
try {
  const user = await new UserService(db).create(
    {
      username: values.username, role: values.role as Role, display_name: values['display-name'] ?? values.username,
      org: values.org ?? null, district: values.district ?? null, password, is_org_admin: values['org-admin'],
    },
    { principal: systemPrincipal('cli:user:create'), requestId: null, clientAddr: null },
  );
  console.log(`created ${user.role} ${user.username} (id ${user.id})`);
} catch (err) {
  const e = err instanceof DomainError ? err : fromSqlState(err);
  console.error(`could not create the user: ${e ? e.message : (err as Error).message}`);
  process.exitCode = 1;
} finally {
  await db.close();
}
