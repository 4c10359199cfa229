import {
  openEventStore,
  PostgresEventStore,
  type TransactionalEventStore,
  type VerifySource,
} from '@account-ops/event-store';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StoreKind } from './options';
import { dropSchema, freshSchemaName, PG_POOL_SIZE } from './pg-schema';

export interface BenchStore {
  readonly kind: StoreKind;
  readonly store: TransactionalEventStore;
  /** The PostgreSQL schema holding the store (other processes of a run connect to it). */
  readonly schema?: string;
  /** How a worker thread opens the same store (SQLite, PostgreSQL); none for memory. */
  readonly source?: VerifySource;
  /** Closes the store and removes what it created: the SQLite file, the PostgreSQL schema. */
  dispose(): Promise<void>;
}

/**
 * A throwaway store for one benchmark: a fresh SQLite file (WAL, synchronous=FULL) in a
 * temp folder, a memory store, or a fresh schema in the PostgreSQL database of `pgUrl`
 * (created here, dropped by dispose; never `public`). `label` names the schema;
 * `poolSize` is the store's PostgreSQL pool (the raw line gets the same).
 */
export async function openBenchStore(
  kind: StoreKind,
  pgUrl?: string,
  label = 'store',
  poolSize = PG_POOL_SIZE,
): Promise<BenchStore> {
  if (kind === 'postgres') {
    if (!pgUrl) throw new Error('--store postgres needs PG_URL');
    const schema = freshSchemaName(label);
    const store = await PostgresEventStore.connect({
      connectionString: pgUrl,
      schema,
      poolSize,
    }).catch(async (error: unknown) => {
      await dropSchema(pgUrl, schema).catch(() => undefined);
      throw error;
    });
    return {
      kind,
      store,
      schema,
      source: { kind: 'postgres', connectionString: pgUrl, schema },
      async dispose() {
        await store.close();
        await dropSchema(pgUrl, schema);
      },
    };
  }
  const dir = kind === 'sqlite' ? mkdtempSync(join(tmpdir(), 'aos-bench-')) : undefined;
  // openEventStore's SQLite defaults are the product's: WAL, synchronous=FULL, group commit.
  const filename = dir ? join(dir, 'bench.db') : undefined;
  const store = await openEventStore(filename ? `sqlite:${filename}` : 'memory:');
  return {
    kind,
    store,
    ...(filename ? { source: { kind: 'sqlite' as const, filename } } : {}),
    async dispose() {
      await store.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}
