import {
  type AppendExpectedRevision,
  type AppendResult,
  type EventData,
  EventStoreDBClient,
  type Filter,
  jsonEvent,
  type JSONType,
  MaxAppendSizeExceededError,
  StreamNotFoundError,
  streamNameFilter,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import type { EsdbClient } from '../esdb-client';
import {
  type ClientDriver,
  clientFilter,
  errorTranslator,
  translatingClient,
} from './translating-client';

/**
 * The part of `@eventstore/db-client`'s EventStoreDBClient (v6) the seam calls, in that
 * client's own types. {@link connectEventStoreDb} assigns the real client to it, so the
 * compiler checks that the client still fits; the test fake implements it too.
 */
export interface EventStoreDbDriver extends ClientDriver<Filter> {
  appendToStream(
    streamName: string,
    events: EventData[],
    options: { expectedRevision: AppendExpectedRevision; requiresLeader?: boolean },
  ): Promise<AppendResult>;
}

/**
 * `@eventstore/db-client` behind the seam. v6 calls the expected revision
 * `expectedRevision` and reports a conflict's current revision as `actualVersion`.
 */
export function eventStoreDbClient(driver: EventStoreDbDriver): EsdbClient {
  return translatingClient(driver, {
    append: (streamName, events, { expectedRevision, requiresLeader }) =>
      driver.appendToStream(
        streamName,
        // The client JSON.stringify()s data of any JSON type; its JSONType only leaves out
        // null, numbers and booleans, which the port allows and which round-trip all the same.
        events.map(({ id, type, data, metadata }) =>
          jsonEvent({ id, type, data: data as JSONType, metadata }),
        ),
        { expectedRevision, requiresLeader },
      ),
    filter: (filter) => clientFilter<Filter>(filter, streamNameFilter),
    translateError: translateEventStoreDbError,
  });
}

/** The seam's error for one of v6's, or the error unchanged. */
export const translateEventStoreDbError = errorTranslator(
  { WrongExpectedVersionError, MaxAppendSizeExceededError, StreamNotFoundError },
  (conflict) => conflict.actualVersion,
);

/** A v6 client for an `esdb://` or `esdb+discover://` connection string. */
export function connectEventStoreDb(connectionString: string): EsdbClient {
  // The client keeps its default throwOnAppendFailure: true (conflicts are thrown).
  const driver: EventStoreDbDriver = EventStoreDBClient.connectionString(connectionString);
  return eventStoreDbClient(driver);
}
