import {
  type AllStreamResolvedEvent,
  type AppendResult,
  type AppendStreamState,
  type Direction,
  type EventData,
  type Filter,
  jsonEvent,
  type JSONType,
  KurrentDBClient,
  MaxAppendSizeExceededError,
  type ReadPosition,
  type ReadRevision,
  type ResolvedEvent,
  StreamNotFoundError,
  streamNameFilter,
  WrongExpectedVersionError,
} from '@kurrent/kurrentdb-client';
import type { EsdbClient, EsdbSubscriptionHandle } from '../esdb-client';
import {
  EsdbAppendTooLarge,
  EsdbRevisionConflict,
  EsdbStreamNotFound,
} from '../esdb-client-errors';
import { clientFilter, translatingClient } from './translating-client';

/**
 * The part of `@kurrent/kurrentdb-client`'s KurrentDBClient (1.x) the seam calls, in that
 * client's own types. {@link connectKurrentDb} assigns the real client to it, so the
 * compiler checks that the client still fits; the test fake implements it too.
 */
export interface KurrentDbDriver {
  appendToStream(
    streamName: string,
    events: EventData[],
    options: { streamState: AppendStreamState; requiresLeader?: boolean },
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
 * `@kurrent/kurrentdb-client` behind the seam. It calls the expected revision
 * `streamState` and reports a conflict's current revision as `actualState` (v6:
 * `expectedRevision`, `actualVersion`); its stream and `$all` reads run through its
 * native bridge, which raises the same StreamNotFoundError class.
 */
export function kurrentDbClient(driver: KurrentDbDriver): EsdbClient {
  return translatingClient({
    append: (streamName, events, { expectedRevision, requiresLeader }) =>
      driver.appendToStream(
        streamName,
        // As in v6: data of any JSON type is stringified; JSONType just leaves some out.
        events.map(({ id, type, data, metadata }) =>
          jsonEvent({ id, type, data: data as JSONType, metadata }),
        ),
        { streamState: expectedRevision, requiresLeader },
      ),
    readStream: (streamName, options) => driver.readStream(streamName, options),
    readAll: (options) => driver.readAll(options),
    subscribeToAll: ({ fromPosition, filter }) =>
      driver.subscribeToAll({
        fromPosition,
        filter: clientFilter<Filter>(filter, streamNameFilter),
      }),
    dispose: () => driver.dispose(),
    translateError: translateKurrentDbError,
  });
}

/** The seam's error for one of the KurrentDB client's, or the error unchanged. */
export function translateKurrentDbError(error: unknown): unknown {
  if (error instanceof WrongExpectedVersionError) {
    return new EsdbRevisionConflict(error.streamName, error.actualState, { cause: error });
  }
  if (error instanceof MaxAppendSizeExceededError) {
    return new EsdbAppendTooLarge(error.maxAppendSize, { cause: error });
  }
  if (error instanceof StreamNotFoundError) {
    return new EsdbStreamNotFound(error.streamName, { cause: error });
  }
  return error;
}

/** A KurrentDB client for a `kurrentdb://` or `kurrentdb+discover://` connection string. */
export function connectKurrentDb(connectionString: string): EsdbClient {
  // Its default throwOnAppendFailure is true as well: conflicts are thrown.
  const driver: KurrentDbDriver = KurrentDBClient.connectionString(connectionString);
  return kurrentDbClient(driver);
}
