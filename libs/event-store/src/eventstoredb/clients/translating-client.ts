import type {
  EsdbAllResolvedEvent,
  EsdbAppendOptions,
  EsdbClient,
  EsdbEventData,
  EsdbReadAllOptions,
  EsdbReadStreamOptions,
  EsdbResolvedEvent,
  EsdbStreamFilter,
  EsdbSubscribeOptions,
  EsdbSubscriptionHandle,
} from '../esdb-client';

/**
 * One npm client, as a wrapper hands it to {@link translatingClient}: the client's calls
 * in the seam's terms, and how its errors read.
 */
export interface ClientCalls {
  append(
    streamName: string,
    events: readonly EsdbEventData[],
    options: EsdbAppendOptions,
  ): Promise<{ readonly nextExpectedRevision: bigint }>;
  readStream(streamName: string, options: EsdbReadStreamOptions): AsyncIterable<EsdbResolvedEvent>;
  readAll(options: EsdbReadAllOptions): AsyncIterable<EsdbAllResolvedEvent>;
  subscribeToAll(options: EsdbSubscribeOptions): EsdbSubscriptionHandle;
  dispose(): Promise<void>;
  /** The seam's error (esdb-client-errors.ts) for one of the client's, else the error itself. */
  translateError(error: unknown): unknown;
}

/**
 * The seam over one client: its append and stream-read errors translated, the rest as the
 * client gives them. Subscriptions are not translated: any failure there resubscribes.
 */
export function translatingClient(calls: ClientCalls): EsdbClient {
  return {
    async appendToStream(streamName, events, options) {
      try {
        return await calls.append(streamName, events, options);
      } catch (error) {
        throw calls.translateError(error);
      }
    },
    readStream: (streamName, options) =>
      translateIteration(calls.readStream(streamName, options), calls.translateError),
    readAll: (options) => calls.readAll(options),
    subscribeToAll: (options) => calls.subscribeToAll(options),
    dispose: () => calls.dispose(),
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
