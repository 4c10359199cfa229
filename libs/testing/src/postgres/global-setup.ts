import { startPgliteServer, type PgliteServer } from './pglite-server';
import { PGLITE_MARKER } from './test-database';

/** Where global-teardown.ts finds the server: globalSetup and globalTeardown share globalThis. */
export const PGLITE_SERVER_KEY = Symbol.for('account-ops.testing.pgliteServer');

export type GlobalWithPglite = typeof globalThis & { [PGLITE_SERVER_KEY]?: PgliteServer };

/**
 * Jest globalSetup of the integration project. PostgreSQL tests read `PG_URL`; CI points it
 * at a real server. Without it, an in-process PGlite is served on a loopback port and
 * `PG_URL` set for the test workers, which inherit this process's environment.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.PG_URL) return;
  const server = await startPgliteServer();
  (globalThis as GlobalWithPglite)[PGLITE_SERVER_KEY] = server;
  process.env.PG_URL = server.url;
  process.env[PGLITE_MARKER] = '1';
  console.warn(`\nPG_URL not set: using in-process PGlite for PostgreSQL tests (${server.url})`);
}
