import type { ResubscribePolicy } from './resubscribing-subscription';

/** Options of {@link EventStoreDbEventStore}. */
export interface EventStoreDbEventStoreOptions {
  /** The store's clock: fills `occurredAt` when the caller leaves it out. */
  readonly now?: () => Date;
  /**
   * Prepended to every stream id on the server and removed on read; readAll,
   * subscriptions and headPosition only see streams under it. Lets several stores share
   * one server (the integration tests give each test its own). Default: none.
   */
  readonly namespace?: string;
  /**
   * Prefixes of the stream ids this store appends to and reads through readAll,
   * subscriptions and headPosition. Default: every stream that is not a system stream
   * (`$…`). Set it when other applications write to the same server.
   */
  readonly streamPrefixes?: readonly string[];
  /** Events fetched per `$all` round trip by readAll and headPosition. Default 500. */
  readonly readPageSize?: number;
  /**
   * Attempts for an `any` or `stream_exists` append that keeps losing to writers in other
   * processes (each attempt re-reads the tip it chains onto). Default 10.
   */
  readonly maxAppendAttempts?: number;
  /** How subscriptions come back after the client's subscription fails. */
  readonly resubscribe?: Partial<ResubscribePolicy>;
  /** Told about each subscription failure before the wait to resubscribe. */
  readonly onSubscriptionError?: (error: unknown, consecutiveFailures: number) => void;
  /** Waits (resubscribe backoff, append retry jitter); injectable for tests. */
  readonly delay?: (ms: number) => Promise<void>;
}

/** Options of {@link EventStoreDbEventStore.connect}. */
export interface EventStoreDbConnectOptions extends EventStoreDbEventStoreOptions {
  /**
   * `kurrentdb://host:2113?tls=false`, `kurrentdb+discover://cluster:2113` (the KurrentDB
   * client) or `esdb://…`, `esdb+discover://…` (the EventStoreDB v6 client); the rest of
   * the string is the client's own syntax (see `clients/client-kind.ts`).
   */
  readonly connectionString: string;
}

/** Events per `$all` round trip unless `readPageSize` says otherwise. */
export const DEFAULT_READ_PAGE_SIZE = 500;
/** Attempts for a conflicting `any`/`stream_exists` append unless configured. */
export const DEFAULT_MAX_APPEND_ATTEMPTS = 10;

/** The default `delay`: a plain timer. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
