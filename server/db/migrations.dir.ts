import { fileURLToPath } from 'node:url';

/** The migrations folder, resolved from this file so scripts work from any working directory. */
export const MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations', import.meta.url));
