import {
  DEFAULT_STORE_URL,
  InvalidStoreUrl,
  openEventStore,
  parseStoreUrl,
  type StoreLocation,
  type TransactionalEventStore,
} from '@account-ops/event-store';
import { existsSync } from 'node:fs';
import { CliError, ExitCode, usageError } from './exit-codes';

/** `--store`, else `ACCOUNT_OPS_STORE` (commander fills it in), else the API's default. */
export function storeUrlOf(option: string | undefined): string {
  return option?.trim() || DEFAULT_STORE_URL;
}

/** A store for messages: never the URL itself, which may carry a password. */
export function describeStore(location: StoreLocation): string {
  switch (location.kind) {
    case 'memory':
      return 'the in-memory store';
    case 'sqlite':
      return `SQLite store ${location.filename}`;
    case 'postgres':
      return `PostgreSQL store ${safeUrl(location.connectionString)}`;
    case 'eventstoredb': {
      const product = location.client === 'kurrentdb' ? 'KurrentDB' : 'EventStoreDB';
      return `${product} store ${safeUrl(location.connectionString)}`;
    }
  }
}

function safeUrl(text: string): string {
  try {
    const url = new URL(text);
    return `${url.hostname}${url.port ? `:${url.port}` : ''}${url.pathname}`;
  } catch {
    return '(unparsable URL)';
  }
}

/** How a command needs the store. */
export interface OpenStoreOptions {
  /** Only `projections rebuild` writes; everything else opens SQLite read-only. */
  readonly write?: boolean;
}

/**
 * Opens the store the API uses. SQLite is opened read-only unless `write` is set, so an
 * auditor's run cannot change the evidence; a missing file is refused rather than
 * created. Failures become exit 4 (exit 2 for a malformed URL).
 */
export async function openCliStore(
  url: string,
  options: OpenStoreOptions = {},
): Promise<TransactionalEventStore> {
  let location: StoreLocation;
  try {
    location = parseStoreUrl(url);
  } catch (error) {
    if (error instanceof InvalidStoreUrl) throw usageError(`--store / ${error.message}`);
    throw error;
  }
  const what = describeStore(location);
  if (location.kind === 'sqlite' && location.filename !== ':memory:') {
    if (!existsSync(location.filename)) {
      throw new CliError(
        ExitCode.StoreUnavailable,
        `no ${what} (set ACCOUNT_OPS_STORE or --store)`,
      );
    }
  }
  try {
    return await openEventStore(url, {
      readonly: location.kind === 'sqlite' && !options.write,
      // EventStoreDB/KurrentDB hold events only; records and read models are in this PostgreSQL.
      ...(location.kind === 'eventstoredb'
        ? { readStore: process.env.ACCOUNT_OPS_READ_STORE?.trim() || undefined }
        : {}),
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const hint = /no such table/.test(reason) ? 'not an account-ops event store' : reason;
    throw new CliError(ExitCode.StoreUnavailable, `cannot open ${what}: ${hint}`);
  }
}
