import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Pool } from 'pg';
import { PostgresEventStore, type TransactionalEventStore } from '@account-ops/event-store';
import type { Clock } from '@account-ops/engine';
import { dropSchema, freshSchemaName, testPgUrl } from '@account-ops/testing';

/** The stores these suites run on (the e2e `split` store keeps its events in a fake, in memory). */
export type Backend = 'sqlite' | 'postgres';
export const STORES: readonly Backend[] = ['sqlite', 'postgres'];

/**
 * One database that outlives the apps opened on it: several instances at once, or one
 * after another (a restart), see the same events and records. The suites scan it for
 * secrets before `dispose` removes it.
 */
export interface StoreTarget {
  readonly backend: Backend;
  /** SQLite: the database file (its -wal and -shm sit beside it). */
  readonly sqliteFile?: string;
  /** PostgreSQL: an admin pool and the target's schema. */
  readonly pg?: { readonly pool: Pool; readonly schema: string };
  /** What createApiApp gets, and what the app handle must close itself (PostgreSQL). */
  connect(clock: Clock): Promise<{
    store: string | TransactionalEventStore;
    close: () => Promise<void>;
  }>;
  /**
   * Events stored, counted in SQL. Exact on both stores, unlike PostgreSQL's head
   * position, which waits for every older transaction on the server to end (other
   * sessions' ones included) and may therefore move while this target writes nothing.
   */
  eventCount(): Promise<number>;
  dispose(): Promise<void>;
}

export async function createStoreTarget(backend: Backend): Promise<StoreTarget> {
  if (backend === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'aos-rel-'));
    const file = join(dir, 'api.db');
    let reader: Database.Database | undefined;
    return {
      backend,
      sqliteFile: file,
      // The app opens and closes the file itself, as `npm start` does.
      connect: async () => ({ store: `sqlite:${file}`, close: async () => undefined }),
      eventCount: async () => {
        reader ??= new Database(file, { readonly: true, fileMustExist: true });
        return (reader.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;
      },
      dispose: async () => {
        reader?.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const schema = freshSchemaName('rel');
  const pool = new Pool({ connectionString: testPgUrl(), max: 2 });
  return {
    backend,
    pg: { pool, schema },
    connect: async (clock) => {
      const store = await PostgresEventStore.connect({
        connectionString: testPgUrl(),
        schema,
        now: () => clock.now(),
        poolSize: 4,
      });
      return { store, close: () => store.close() };
    },
    eventCount: async () =>
      Number((await pool.query(`SELECT count(*) AS n FROM "${schema}".events`)).rows[0].n),
    dispose: async () => {
      await dropSchema(pool, schema);
      await pool.end();
    },
  };
}
