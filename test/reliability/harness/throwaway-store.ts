import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import {
  PostgresEventStore,
  SqliteEventStore,
  type TransactionalEventStore,
} from '@account-ops/event-store';
import { dropSchema, freshSchemaName, testPgUrl } from '@account-ops/testing';
import { CHILD_ENV } from './child-protocol';

export type Backend = 'sqlite' | 'postgres';

// RELIABILITY_KEEP_STORE=1 leaves each store behind (and says where), to inspect a failure.
const KEEP = process.env.RELIABILITY_KEEP_STORE === '1';

function kept(where: string): Promise<void> {
  process.stdout.write(`\n[reliability] store kept: ${where}\n`);
  return Promise.resolve();
}

/** A store made for one test: the child API writes it, the checks open it between kills. */
export interface ThrowawayStore {
  readonly backend: Backend;
  /** The environment telling an API child where the store is. */
  childEnv(): Record<string, string>;
  /** Opens it in the test process (close it before the next child starts). */
  open(): Promise<TransactionalEventStore>;
  /** After a SIGKILL: returns once nothing of the dead child holds the store any more. */
  released(): Promise<void>;
  dispose(): Promise<void>;
}

/** A SQLite file in a fresh temporary directory. */
export function sqliteStore(): ThrowawayStore {
  const dir = mkdtempSync(join(tmpdir(), 'aos-reliability-'));
  const filename = join(dir, 'events.db');
  return {
    backend: 'sqlite',
    childEnv: () => ({ [CHILD_ENV.store]: `sqlite:${filename}` }),
    open: async () => new SqliteEventStore({ filename }),
    // The kernel drops a dead process's locks with its file handles.
    released: async () => undefined,
    dispose: async () => (KEEP ? kept(filename) : rmSync(dir, { recursive: true, force: true })),
  };
}

const RELEASE_TIMEOUT_MS = 20_000;

/**
 * A fresh schema on PG_URL. The child connects under its own application_name so the test
 * can wait until the server has ended the dead child's sessions (and rolled back whatever
 * they had open) before it reads: until then an open transaction holds back the read horizon.
 */
export function postgresStore(): ThrowawayStore {
  const schema = freshSchemaName('rel_crash');
  const applicationName = `reliability-${schema}`;
  const childUrl = new URL(testPgUrl());
  childUrl.searchParams.set('application_name', applicationName);
  const admin = new Pool({ connectionString: testPgUrl(), max: 1 });
  return {
    backend: 'postgres',
    childEnv: () => ({ [CHILD_ENV.store]: childUrl.toString(), [CHILD_ENV.pgSchema]: schema }),
    open: () => PostgresEventStore.connect({ connectionString: testPgUrl(), schema, poolSize: 4 }),
    released: async () => {
      const deadline = Date.now() + RELEASE_TIMEOUT_MS;
      for (;;) {
        const { rows } = await admin.query<{ n: string }>(
          'SELECT count(*) AS n FROM pg_stat_activity WHERE application_name = $1',
          [applicationName],
        );
        if (rows[0]!.n === '0') return;
        if (Date.now() > deadline) {
          throw new Error(
            `the killed API's PostgreSQL sessions did not end within ${RELEASE_TIMEOUT_MS} ms`,
          );
        }
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    dispose: async () => {
      if (KEEP) await kept(`schema ${schema}`);
      else await dropSchema(admin, schema);
      await admin.end();
    },
  };
}
