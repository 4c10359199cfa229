/**
 * Which npm client a connection string is for, by its scheme:
 *
 * - `kurrentdb://`, `kurrentdb+discover://`: `@kurrent/kurrentdb-client`, the maintained
 *   client, for KurrentDB and EventStoreDB servers alike. The choice for new installs.
 * - `esdb://`, `esdb+discover://`: `@eventstore/db-client` v6, kept for existing
 *   EventStoreDB 2x deployments and their connection strings.
 */
export type EsdbClientKind = 'kurrentdb' | 'eventstoredb';

const SCHEMES: ReadonlyArray<readonly [RegExp, EsdbClientKind]> = [
  [/^kurrentdb(\+discover)?:\/\//, 'kurrentdb'],
  [/^esdb(\+discover)?:\/\//, 'eventstoredb'],
];

/** The client for a connection string, or undefined when its scheme is neither's. */
export function esdbClientKind(connectionString: string): EsdbClientKind | undefined {
  const text = connectionString.trim();
  return SCHEMES.find(([scheme]) => scheme.test(text))?.[1];
}
