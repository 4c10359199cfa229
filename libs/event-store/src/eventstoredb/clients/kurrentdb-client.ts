import {
  type AppendResult,
  type AppendStreamState,
  type EventData,
  type Filter,
  jsonEvent,
  type JSONType,
  KurrentDBClient,
  MaxAppendSizeExceededError,
  StreamNotFoundError,
  streamNameFilter,
  WrongExpectedVersionError,
} from '@kurrent/kurrentdb-client';
import type { EsdbClient } from '../esdb-client';
import {
  type ClientDriver,
  clientFilter,
  errorTranslator,
  translatingClient,
} from './translating-client';

/**
 * The part of `@kurrent/kurrentdb-client`'s KurrentDBClient (1.x) the seam calls, in that
 * client's own types. {@link connectKurrentDb} assigns the real client to it, so the
 * compiler checks that the client still fits; the test fake implements it too.
 */
export interface KurrentDbDriver extends ClientDriver<Filter> {
  appendToStream(
    streamName: string,
    events: EventData[],
    options: { streamState: AppendStreamState; requiresLeader?: boolean },
  ): Promise<AppendResult>;
}

/**
 * `@kurrent/kurrentdb-client` behind the seam. It calls the expected revision
 * `streamState` and reports a conflict's current revision as `actualState` (v6:
 * `expectedRevision`, `actualVersion`); its stream and `$all` reads run through its
 * native bridge, which raises the same StreamNotFoundError class.
 */
export function kurrentDbClient(driver: KurrentDbDriver): EsdbClient {
  return translatingClient(driver, {
    append: (streamName, events, { expectedRevision, requiresLeader }) =>
      driver.appendToStream(
        streamName,
        // As in v6: data of any JSON type is stringified; JSONType just leaves some out.
        events.map(({ id, type, data, metadata }) =>
          jsonEvent({ id, type, data: data as JSONType, metadata }),
        ),
        { streamState: expectedRevision, requiresLeader },
      ),
    filter: (filter) => clientFilter<Filter>(filter, streamNameFilter),
    translateError: translateKurrentDbError,
  });
}

/** The seam's error for one of the KurrentDB client's, or the error unchanged. */
export const translateKurrentDbError = errorTranslator(
  { WrongExpectedVersionError, MaxAppendSizeExceededError, StreamNotFoundError },
  (conflict) => conflict.actualState,
);

/** A KurrentDB client for a `kurrentdb://` or `kurrentdb+discover://` connection string. */
export function connectKurrentDb(connectionString: string): EsdbClient {
  // Its default throwOnAppendFailure is true as well: conflicts are thrown.
  const driver: KurrentDbDriver = KurrentDBClient.connectionString(connectionString);
  return kurrentDbClient(driver);
}
