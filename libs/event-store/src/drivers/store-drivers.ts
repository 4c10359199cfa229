/* eslint-disable @typescript-eslint/no-require-imports -- loading a driver on first use is the point */
import type BetterSqlite3 from 'better-sqlite3';
import type * as Pg from 'pg';
import type * as PgCopyStreams from 'pg-copy-streams';

/**
 * A store's npm driver is not installed. The drivers are optional peer dependencies of
 * `@account-ops/event-store` and `@account-ops/projections`: a service on PostgreSQL
 * installs `pg` and never compiles better-sqlite3, so the library loads a driver only
 * when a store of that kind is opened, and says which package to add when it is missing.
 */
export class MissingStoreDriver extends Error {
  override readonly name = 'MissingStoreDriver';
  constructor(
    /** The npm package to install, e.g. `pg`. */
    readonly packageName: string,
    /** The kind of store that needs it, e.g. `PostgreSQL`. */
    readonly store: string,
  ) {
    super(
      `the ${store} store needs the npm package "${packageName}", which is not installed: run \`npm install ${packageName}\``,
    );
  }
}

/** Whether `error` says `packageName` itself (not something it requires) cannot be found. */
function isMissing(error: unknown, packageName: string): boolean {
  const { code, message } = error as { code?: unknown; message?: unknown };
  return (
    code === 'MODULE_NOT_FOUND' &&
    typeof message === 'string' &&
    message.includes(`'${packageName}'`)
  );
}

/**
 * Runs `requireIt` (a `require` of `packageName`), turning "cannot find `packageName`" into
 * {@link MissingStoreDriver}; any other failure (a driver's own missing dependency, a
 * native addon built for another Node) is rethrown as it is.
 */
export function loadStoreDriver<T>(packageName: string, store: string, requireIt: () => T): T {
  try {
    return requireIt();
  } catch (error) {
    if (isMissing(error, packageName)) throw new MissingStoreDriver(packageName, store);
    throw error;
  }
}

// Each require names its package literally, so bundlers and `npm ls` tooling still see it.

/** `pg`, for the PostgreSQL event store and read models. */
export function loadPg(): typeof Pg {
  return loadStoreDriver('pg', 'PostgreSQL', () => require('pg') as typeof Pg);
}

/** `better-sqlite3`, for the SQLite event store and read models. */
export function loadBetterSqlite3(): typeof BetterSqlite3 {
  return loadStoreDriver(
    'better-sqlite3',
    'SQLite',
    () => require('better-sqlite3') as typeof BetterSqlite3,
  );
}

/** `pg-copy-streams`, for rebuilding PostgreSQL read models with COPY. */
export function loadPgCopyStreams(): typeof PgCopyStreams {
  return loadStoreDriver(
    'pg-copy-streams',
    'PostgreSQL read-model rebuild',
    () => require('pg-copy-streams') as typeof PgCopyStreams,
  );
}
