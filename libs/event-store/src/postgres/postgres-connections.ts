import type { ClientConfig, Pool, PoolClient } from 'pg';
import { loadPg } from '../drivers/store-drivers';
import type { PostgresEventStoreOptions } from './postgres-options';

const APPLICATION_NAME = 'account-ops-event-store';

/** The caller's pool, or a new one the store owns (and ends on close). */
export function openPool(options: PostgresEventStoreOptions): { pool: Pool; owned: boolean } {
  if (options.pool) return { pool: options.pool, owned: false };
  if (!options.connectionString) {
    throw new Error('PostgresEventStore needs a connectionString or a pool');
  }
  const pool = new (loadPg().Pool)({
    connectionString: options.connectionString,
    max: options.poolSize ?? 10,
    application_name: APPLICATION_NAME,
  });
  // An idle pooled connection that drops is discarded by the pool and replaced on the next
  // query; without a listener its 'error' event would crash the process.
  pool.on('error', () => undefined);
  return { pool, owned: true };
}

/** Settings for the LISTEN connection, which lives outside the pool. */
export function listenerConfig(options: PostgresEventStoreOptions): ClientConfig {
  return (
    options.pool?.options ?? {
      connectionString: options.connectionString,
      application_name: APPLICATION_NAME,
    }
  );
}

const guarded = new WeakSet<PoolClient>();

/**
 * A pooled client that may lose its connection between two queries of a transaction
 * (the server ended the session) without crashing the process: pg emits `error` on a
 * checked-out client that has no query running, and an `error` without a listener is
 * thrown. The next query fails with the cause instead, which the caller handles.
 */
export async function connectGuarded(pool: Pool): Promise<PoolClient> {
  const client = await pool.connect();
  if (!guarded.has(client)) {
    guarded.add(client);
    client.on('error', () => undefined);
  }
  return client;
}

/** Runs `work` in a READ COMMITTED transaction: committed if it resolves, rolled back if not. */
export async function withTransaction<T>(
  pool: Pool,
  work: (client: PoolClient) => Promise<T>,
): Promise<T> {
  const client = await connectGuarded(pool);
  let broken: Error | undefined;
  try {
    // Explicit: FOR UPDATE must see the row as committed by the writer it waited for,
    // which a server default of REPEATABLE READ or SERIALIZABLE would turn into an error.
    await client.query('BEGIN ISOLATION LEVEL READ COMMITTED');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    // A failed ROLLBACK means a broken connection: release(error) discards it.
    await client.query('ROLLBACK').catch((e: Error) => (broken = e));
    throw error;
  } finally {
    client.release(broken);
  }
}
