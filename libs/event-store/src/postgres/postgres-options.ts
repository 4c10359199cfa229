import { createHash } from 'node:crypto';
import type { Pool } from 'pg';
import { InvalidEventStoreInput } from '../port/errors';

/** How to reach and lay out a PostgreSQL event store. */
export interface PostgresEventStoreOptions {
  /** `postgres://…`; the store opens (and on close ends) its own pool. */
  readonly connectionString?: string;
  /** An existing pool instead; the caller keeps ownership and ends it. */
  readonly pool?: Pool;
  /**
   * Schema holding the store's tables (default `public`); created when missing. One store
   * per schema, so tests and tenants can be isolated. Letters, digits and `_`, at most 63.
   */
  readonly schema?: string;
  /** The store's clock, for `occurredAt` when the caller gives none. */
  readonly now?: () => Date;
  /** Connections in the pool the store opens (default 10). */
  readonly poolSize?: number;
  /**
   * Longest wait of a caught-up subscriber before it reads again without a wake-up
   * (default 1000 ms). Local appends and NOTIFY wake it sooner; the poll covers lost
   * notifications and transactions outside the store that hold back the read horizon.
   */
  readonly pollIntervalMs?: number;
  /** LISTEN for other processes' appends (default true); off e.g. behind a transaction pooler. */
  readonly listen?: boolean;
  /**
   * Group commit: appends that arrive while earlier ones commit are committed together,
   * in one transaction, by at most this many transactions at once (default 1; each holds
   * one pooled connection while it commits).
   */
  readonly concurrentCommits?: number;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** Accepts only names that need no escaping, so they can be spliced into SQL text. */
export function assertSchemaName(schema: string): void {
  if (!SCHEMA_NAME.test(schema)) {
    throw new InvalidEventStoreInput(
      'schema must be lower-case letters, digits and _, starting with a letter or _, at most 63',
      'schema',
    );
  }
}

/**
 * The NOTIFY channel of one schema's store. Channel names are identifiers (at most 63
 * bytes), so long schema names fall back to a digest.
 */
export function notifyChannel(schema: string): string {
  const readable = `event_store_${schema}`;
  if (readable.length <= 63) return readable;
  return `event_store_${createHash('sha256').update(schema).digest('hex').slice(0, 40)}`;
}

/**
 * The key of the advisory lock that serialises migrations of one schema (a signed 64-bit
 * integer, as text): derived from the schema name so stores in different schemas migrate
 * independently.
 */
export function migrationLockKey(schema: string): string {
  const digest = createHash('sha256').update(`account-ops/event-store/${schema}`).digest();
  return digest.readBigInt64BE(0).toString();
}
