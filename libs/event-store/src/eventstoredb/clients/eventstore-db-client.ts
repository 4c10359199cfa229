import {
  type AllStreamResolvedEvent,
  type AppendExpectedRevision,
  type AppendResult,
  type Direction,
  type EventData,
  EventStoreDBClient,
  type Filter,
  jsonEvent,
  type JSONType,
  MaxAppendSizeExceededError,
  type ReadPosition,
  type ReadRevision,
  type ResolvedEvent,
  StreamNotFoundError,
  streamNameFilter,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import type { EsdbClient, EsdbSubscriptionHandle } from '../esdb-client';
import {
  EsdbAppendTooLarge,
  EsdbRevisionConflict,
  EsdbStreamNotFound,
} from '../esdb-client-errors';
import { clientFilter, translatingClient } from './translating-client';

/**
 * The part of `@eventstore/db-client`'s EventStoreDBClient (v6) the seam calls, in that
 * client's own types. {@link connectEventStoreDb} assigns the real client to it, so the
 * compiler checks that the client still fits; the test fake implements it too.
 */
export interface EventStoreDbDriver {
  appendToStream(
    streamName: string,
    events: EventData[],
    options: { expectedRevision: AppendExpectedRevision; requiresLeader?: boolean },
  ): Promise<AppendResult>;
  readStream(
    streamName: string,
    options: {
      fromRevision: ReadRevision;
      direction: Direction;
      maxCount?: number;
      requiresLeader?: boolean;
    },
  ): AsyncIterable<ResolvedEvent>;
  readAll(options: {
    fromPosition: ReadPosition;
    direction: Direction;
    maxCount: number;
    requiresLeader?: boolean;
  }): AsyncIterable<AllStreamResolvedEvent>;
  subscribeToAll(options: { fromPosition: ReadPosition; filter: Filter }): EsdbSubscriptionHandle;
  dispose(): Promise<void>;
}

/**
 * `@eventstore/db-client` behind the seam. v6 calls the expected revision
 * `expectedRevision` and reports a conflict's current revision as `actualVersion`.
 */
export function eventStoreDbClient(driver: EventStoreDbDriver): EsdbClient {
  return translatingClient({
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
    readStream: (streamName, options) => driver.readStream(streamName, options),
    readAll: (options) => driver.readAll(options),
    subscribeToAll: ({ fromPosition, filter }) =>
      driver.subscribeToAll({
        fromPosition,
        filter: clientFilter<Filter>(filter, streamNameFilter),
      }),
    dispose: () => driver.dispose(),
    translateError: translateEventStoreDbError,
  });
}

/** The seam's error for one of v6's, or the error unchanged. */
export function translateEventStoreDbError(error: unknown): unknown {
  if (error instanceof WrongExpectedVersionError) {
    return new EsdbRevisionConflict(error.streamName, error.actualVersion, { cause: error });
  }
  if (error instanceof MaxAppendSizeExceededError) {
    return new EsdbAppendTooLarge(error.maxAppendSize, { cause: error });
  }
  if (error instanceof StreamNotFoundError) {
    return new EsdbStreamNotFound(error.streamName, { cause: error });
  }
  return error;
}

/** A v6 client for an `esdb://` or `esdb+discover://` connection string. */
export function connectEventStoreDb(connectionString: string): EsdbClient {
  // The client keeps its default throwOnAppendFailure: true (conflicts are thrown).
  const driver: EventStoreDbDriver = EventStoreDBClient.connectionString(connectionString);
  return eventStoreDbClient(driver);
}
