/**
 * The real servers the integration specs run against, one per variable that is set. The
 * URL's scheme picks the npm client (clients/client-kind.ts). One-line servers:
 *
 *   docker run -d -p 2113:2113 -e KURRENTDB_INSECURE=true -e KURRENTDB_MEM_DB=true \
 *     -e KURRENTDB_MAX_APPEND_SIZE=4194304 kurrentplatform/kurrentdb:25.0
 *   KURRENTDB_URL='kurrentdb://localhost:2113?tls=false' npm run test:int -- eventstoredb split
 *
 *   docker run -d -p 2114:2113 -e EVENTSTORE_INSECURE=true -e EVENTSTORE_MEM_DB=true \
 *     -e EVENTSTORE_MAX_APPEND_SIZE=4194304 eventstore/eventstore:24.10
 *   ESDB_URL='esdb://localhost:2114?tls=false' npm run test:int -- eventstoredb split
 *
 * Servers 22.6 or later (positions on stream reads). The contract's 1 MB payload needs a
 * maximum append size above the default 1 MiB.
 */
export const REAL_SERVERS: ReadonlyArray<{
  readonly variable: string;
  readonly url: string | undefined;
  /** For the skip message. */
  readonly product: string;
}> = [
  { variable: 'ESDB_URL', url: process.env.ESDB_URL, product: 'EventStoreDB' },
  { variable: 'KURRENTDB_URL', url: process.env.KURRENTDB_URL, product: 'KurrentDB' },
];
