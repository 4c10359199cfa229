import type {
  EsdbAllResolvedEvent,
  EsdbAppendOptions,
  EsdbClient,
  EsdbCurrentRevision,
  EsdbEventData,
  EsdbReadAllOptions,
  EsdbReadPosition,
  EsdbReadStreamOptions,
  EsdbResolvedEvent,
  EsdbStreamFilter,
  EsdbSubscriptionHandle,
} from '../esdb-client';
import {
  EsdbAppendTooLarge,
  EsdbRevisionConflict,
  EsdbStreamNotFound,
} from '../esdb-client-errors';

/**
 * What both npm clients share as they are: reads, subscriptions and dispose take the
 * seam's option objects unchanged and yield events the seam can read. Each wrapper's
 * driver adds its client's own `appendToStream`; `F` is the client's own filter type.
 */
export interface ClientDriver<F> {
  readStream(streamName: string, options: EsdbReadStreamOptions): AsyncIterable<EsdbResolvedEvent>;
  readAll(options: EsdbReadAllOptions): AsyncIterable<EsdbAllResolvedEvent>;
  subscribeToAll(options: { fromPosition: EsdbReadPosition; filter: F }): EsdbSubscriptionHandle;
  dispose(): Promise<void>;
}

/** Where the two clients differ, as a wrapper tells {@link translatingClient}. */
export interface ClientDialect<F> {
  /** Sends an append with the client's own option names and event data. */
  append(
    streamName: string,
    events: readonly EsdbEventData[],
    options: EsdbAppendOptions,
  ): Promise<{ readonly nextExpectedRevision: bigint }>;
  /** Our stream filter in the client's terms. */
  filter(filter: EsdbStreamFilter): F;
  /** The seam's error (esdb-client-errors.ts) for one of the client's, else the error itself. */
  translateError(error: unknown): unknown;
}

/**
 * The seam over one client: its append and stream-read errors translated, the rest as the
 * client gives them. Subscriptions are not translated: any failure there resubscribes.
 */
export function translatingClient<F>(
  driver: ClientDriver<F>,
  dialect: ClientDialect<F>,
): EsdbClient {
  return {
    async appendToStream(streamName, events, options) {
      try {
        return await dialect.append(streamName, events, options);
      } catch (error) {
        throw dialect.translateError(error);
      }
    },
    readStream: (streamName, options) =>
      translateIteration(driver.readStream(streamName, options), dialect.translateError),
    readAll: (options) => driver.readAll(options),
    subscribeToAll: ({ fromPosition, filter }) =>
      driver.subscribeToAll({ fromPosition, filter: dialect.filter(filter) }),
    dispose: () => driver.dispose(),
  };
}

/** Both clients report a missing stream from the iteration, not from `readStream` itself. */
async function* translateIteration<T>(
  items: AsyncIterable<T>,
  translate: (error: unknown) => unknown,
): AsyncGenerator<T> {
  try {
    yield* items;
  } catch (error) {
    throw translate(error);
  }
}

/** Either client's `streamNameFilter` helper (same overloads, each its own Filter type). */
export interface StreamNameFilterHelper<F> {
  (options: { regex: string }): F;
  (options: { prefixes: string[] }): F;
}

/** One of our stream filters in a client's terms, made by that client's own helper. */
export function clientFilter<F>(filter: EsdbStreamFilter, helper: StreamNameFilterHelper<F>): F {
  return 'prefixes' in filter
    ? helper({ prefixes: [...filter.prefixes] })
    : helper({ regex: filter.regex });
}

/**
 * The three error classes of one client the seam translates. Both clients have them under
 * these names, but as distinct classes: each wrapper must check its own client's.
 */
export interface ClientErrorClasses<Conflict extends Error> {
  readonly WrongExpectedVersionError: abstract new (...args: never[]) => Conflict;
  readonly MaxAppendSizeExceededError: abstract new (
    ...args: never[]
  ) => Error & { readonly maxAppendSize: number };
  readonly StreamNotFoundError: abstract new (
    ...args: never[]
  ) => Error & { readonly streamName: string };
}

/**
 * A `translateError` for one client: its conflict, over-size and missing-stream errors as
 * the seam's (the original kept as `cause`), anything else unchanged.
 * @param currentOf where the client keeps a conflict's current revision.
 */
export function errorTranslator<Conflict extends Error & { readonly streamName: string }>(
  classes: ClientErrorClasses<Conflict>,
  currentOf: (conflict: Conflict) => EsdbCurrentRevision,
): (error: unknown) => unknown {
  return (error) => {
    if (error instanceof classes.WrongExpectedVersionError) {
      return new EsdbRevisionConflict(error.streamName, currentOf(error), { cause: error });
    }
    if (error instanceof classes.MaxAppendSizeExceededError) {
      return new EsdbAppendTooLarge(error.maxAppendSize, { cause: error });
    }
    if (error instanceof classes.StreamNotFoundError) {
      return new EsdbStreamNotFound(error.streamName, { cause: error });
    }
    return error;
  };
}
