import { openEventStore, type TransactionalEventStore } from '@account-ops/event-store';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface BenchStore {
  readonly store: TransactionalEventStore;
  /** Closes the store and removes a temporary SQLite file. */
  dispose(): Promise<void>;
}

/**
 * The store a benchmark runs on: a fresh SQLite file in a temp folder, memory, or the
 * PostgreSQL database in PG_URL (use a scratch database: tables land in its public schema).
 */
export async function openBenchStore(kind: string): Promise<BenchStore> {
  if (kind === 'postgres' && !process.env.PG_URL) throw new Error('--store postgres needs PG_URL');
  const dir = mkdtempSync(join(tmpdir(), 'aos-bench-'));
  const url =
    kind === 'sqlite'
      ? `sqlite:${join(dir, 'bench.db')}`
      : kind === 'postgres'
        ? process.env.PG_URL
        : 'memory:';
  const store = await openEventStore(url);
  return {
    store,
    async dispose() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
