import type {
  EsdbCurrentRevision,
  EsdbExpectedRevision,
  EsdbReadAllOptions,
  EsdbReadPosition,
  EsdbReadStreamOptions,
  EsdbStreamFilter,
} from '../esdb-client';
import {
  FakeConflict,
  type FakeEsdbServer,
  type FakeEventInput,
  type FakeStoredEvent,
  type FakeWriteResult,
  FakeSubscription,
  FakeTooLarge,
  tick,
} from './fake-esdb-server';

/**
 * The error classes a fake driver throws: one client's own. Both clients' constructors
 * take these arguments when there is no gRPC error to read them from.
 */
export interface ClientErrorClasses {
  readonly WrongExpectedVersionError: new (
    error: undefined,
    details: {
      streamName: string;
      expected: EsdbExpectedRevision;
      current: EsdbCurrentRevision;
    },
  ) => Error;
  readonly MaxAppendSizeExceededError: new (error: undefined, maxAppendSize: number) => Error;
  readonly StreamNotFoundError: new (error: undefined, streamName: string) => Error;
}

/**
 * What both fake drivers share: a client of a {@link FakeEsdbServer} (several may share
 * one server, like processes), recording what the adapter sent and throwing the given
 * client's error classes. Each subclass takes its client's append option name.
 */
export abstract class FakeDriver {
  readonly subscribeCalls: EsdbReadPosition[] = [];
  readonly subscriptions: FakeSubscription[] = [];
  /** Each append as sent, its expected revision under the seam's name whatever the client's. */
  readonly appendCalls: Array<{ streamName: string; expectedRevision: EsdbExpectedRevision }> = [];
  disposed = false;
  /** Runs between the adapter's tip read and its write: another process appending. */
  beforeAppend?: (streamName: string) => Promise<void>;

  constructor(
    readonly server: FakeEsdbServer,
    private readonly errors: ClientErrorClasses,
  ) {}

  protected async write(
    streamName: string,
    events: readonly FakeEventInput[],
    expectedRevision: EsdbExpectedRevision,
  ): Promise<FakeWriteResult> {
    this.appendCalls.push({ streamName, expectedRevision });
    await this.beforeAppend?.(streamName);
    await tick();
    try {
      return this.server.write(streamName, events, expectedRevision);
    } catch (refusal) {
      if (refusal instanceof FakeConflict) {
        const { streamName: name, expected, current } = refusal;
        throw new this.errors.WrongExpectedVersionError(undefined, {
          streamName: name,
          expected,
          current,
        });
      }
      if (refusal instanceof FakeTooLarge) {
        throw new this.errors.MaxAppendSizeExceededError(undefined, refusal.maxAppendSize);
      }
      throw refusal;
    }
  }

  async *readStream(
    streamName: string,
    options: EsdbReadStreamOptions,
  ): AsyncGenerator<{ event: FakeStoredEvent }> {
    await tick();
    const events = this.server.readStream(streamName, options);
    // Like both clients: the missing stream surfaces while iterating.
    if (!events) throw new this.errors.StreamNotFoundError(undefined, streamName);
    for (const event of events) yield { event };
  }

  async *readAll(options: EsdbReadAllOptions): AsyncGenerator<{ event: FakeStoredEvent }> {
    await tick();
    for (const event of this.server.readAll(options)) yield { event };
  }

  subscribeToAll(options: {
    fromPosition: EsdbReadPosition;
    filter: EsdbStreamFilter;
  }): FakeSubscription {
    this.subscribeCalls.push(options.fromPosition);
    const subscription = new FakeSubscription(this.server, options.fromPosition, options.filter);
    this.subscriptions.push(subscription);
    subscription.start();
    return subscription;
  }

  async dispose(): Promise<void> {
    this.disposed = true;
  }
}
