import { usesPglite } from '@account-ops/testing';
import { postgresStore } from '../harness/throwaway-store';
import { crashDurabilityTest } from './crash-durability-test';

describe('crash durability on PostgreSQL (API child SIGKILLed under load)', () => {
  crashDurabilityTest({
    store: 'postgres',
    open: postgresStore,
    // The in-process PGlite that jest starts without PG_URL lives in the jest process and
    // runs one transaction at a time: it cannot stand in for a server that outlives a
    // killed client.
    ...(usesPglite()
      ? { skipReason: 'PG_URL is not set (no PostgreSQL server on this machine)' }
      : {}),
  });
});
