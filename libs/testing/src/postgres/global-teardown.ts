import { type GlobalWithPglite, PGLITE_SERVER_KEY } from './global-setup';
import { PGLITE_MARKER } from './test-database';

/** Jest globalTeardown of the integration project: stops the PGlite that globalSetup started. */
export default async function globalTeardown(): Promise<void> {
  const holder = globalThis as GlobalWithPglite;
  const server = holder[PGLITE_SERVER_KEY];
  if (!server) return;
  delete holder[PGLITE_SERVER_KEY];
  delete process.env.PG_URL;
  delete process.env[PGLITE_MARKER];
  await server.stop();
}
