import * as v6 from '@eventstore/db-client';
import * as kurrent from '@kurrent/kurrentdb-client';
import { PassThrough } from 'node:stream';
import type { EsdbClient, EsdbCurrentRevision, EsdbSubscriptionHandle } from '../esdb-client';
import {
  EsdbAppendTooLarge,
  EsdbRevisionConflict,
  EsdbStreamNotFound,
} from '../esdb-client-errors';
import { eventStoreDbClient } from './eventstore-db-client';
import { kurrentDbClient } from './kurrentdb-client';

/**
 * Stands in for either npm client: records what the wrapper sends and fails with the
 * error it is given, so each wrapper's translation is checked against the real error
 * classes of its own client.
 */
class StubDriver {
  readonly appends: Array<{ streamName: string; events: unknown[]; options: object }> = [];
  readonly subscribes: object[] = [];
  failure: Error | undefined;

  async appendToStream(streamName: string, events: unknown[], options: object) {
    this.appends.push({ streamName, events, options });
    if (this.failure) throw this.failure;
    return { success: true, nextExpectedRevision: 7n, position: undefined };
  }
  async *readStream(): AsyncGenerator<{ event?: never }> {
    // Both clients fail from the iteration, after the call has returned.
    await Promise.resolve();
    if (this.failure) throw this.failure;
    yield* [];
  }
  async *readAll(): AsyncGenerator<{ event?: never }> {}
  subscribeToAll(options: object): EsdbSubscriptionHandle {
    this.subscribes.push(options);
    return Object.assign(new PassThrough({ objectMode: true }), {
      unsubscribe: () => Promise.resolve(),
    });
  }
  async dispose(): Promise<void> {}
}

interface WrapperCase {
  readonly client: string;
  readonly wrap: (driver: StubDriver) => EsdbClient;
  /** The client's own name for the expected revision of an append. */
  readonly expectedOption: string;
  readonly conflict: (current: EsdbCurrentRevision) => Error;
  readonly tooLarge: (max: number) => Error;
  readonly notFound: (streamName: string) => Error;
  readonly unavailable: () => Error;
}

const CASES: WrapperCase[] = [
  {
    client: '@eventstore/db-client',
    wrap: (driver) => eventStoreDbClient(driver),
    expectedOption: 'expectedRevision',
    conflict: (current) =>
      new v6.WrongExpectedVersionError(undefined, { streamName: 'ns-s', expected: 3n, current }),
    tooLarge: (max) => new v6.MaxAppendSizeExceededError(undefined, max),
    notFound: (streamName) => new v6.StreamNotFoundError(undefined, streamName),
    unavailable: () => new v6.UnavailableError(),
  },
  {
    client: '@kurrent/kurrentdb-client',
    wrap: (driver) => kurrentDbClient(driver),
    expectedOption: 'streamState',
    conflict: (current) =>
      new kurrent.WrongExpectedVersionError(undefined, {
        streamName: 'ns-s',
        expected: 3n,
        current,
      }),
    tooLarge: (max) => new kurrent.MaxAppendSizeExceededError(undefined, max),
    notFound: (streamName) => new kurrent.StreamNotFoundError(undefined, streamName),
    unavailable: () => new kurrent.UnavailableError(),
  },
];

const EVENT = {
  id: '0190a5f0-0000-7abc-8def-00000000000a',
  type: 'E',
  data: 7,
  metadata: { a: 1 },
};

describe.each(CASES)('the $client wrapper', (c) => {
  let driver: StubDriver;
  let client: EsdbClient;
  beforeEach(() => {
    driver = new StubDriver();
    client = c.wrap(driver);
  });

  const appendFailure = (error: Error): Promise<unknown> => {
    driver.failure = error;
    return client
      .appendToStream('ns-s', [EVENT], { expectedRevision: 3n, requiresLeader: true })
      .catch((e: unknown) => e);
  };

  it(`sends the expected revision as ${c.expectedOption} and the events as JSON event data`, async () => {
    await expect(
      client.appendToStream('ns-s', [EVENT], {
        expectedRevision: 'no_stream',
        requiresLeader: true,
      }),
    ).resolves.toMatchObject({ nextExpectedRevision: 7n });
    expect(driver.appends).toEqual([
      {
        streamName: 'ns-s',
        events: [{ ...EVENT, contentType: 'application/json' }],
        options: { [c.expectedOption]: 'no_stream', requiresLeader: true },
      },
    ]);
  });

  it.each<[EsdbCurrentRevision]>([[4n], ['no_stream']])(
    'turns its conflict at current revision %s into EsdbRevisionConflict',
    async (current) => {
      const original = c.conflict(current);
      const error = await appendFailure(original);
      expect(error).toBeInstanceOf(EsdbRevisionConflict);
      expect(error).toMatchObject({ streamName: 'ns-s', current, cause: original });
    },
  );

  it('turns its over-size append into EsdbAppendTooLarge with the server maximum', async () => {
    const error = await appendFailure(c.tooLarge(1024));
    expect(error).toBeInstanceOf(EsdbAppendTooLarge);
    expect(error).toMatchObject({ maxAppendSize: 1024 });
  });

  it('turns its StreamNotFoundError, thrown while iterating a read, into EsdbStreamNotFound', async () => {
    driver.failure = c.notFound('ns-s');
    const read = client.readStream('ns-s', { fromRevision: 'start', direction: 'forwards' });
    const error = await (async () => {
      for await (const _ of read) void _;
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EsdbStreamNotFound);
    expect(error).toMatchObject({ streamName: 'ns-s' });
  });

  it('passes other errors through unchanged, from appends and reads', async () => {
    const unavailable = c.unavailable();
    expect(await appendFailure(unavailable)).toBe(unavailable);
    const read = client.readStream('ns-s', { fromRevision: 'end', direction: 'backwards' });
    await expect(
      (async () => {
        for await (const _ of read) void _;
      })(),
    ).rejects.toBe(unavailable);
  });

  it.each([
    ['prefixes', { prefixes: ['ns-a', 'ns-b'] }],
    ['a regex', { regex: '^[^$]' }],
  ])("subscribes with the client's own stream-name filter (%s)", (_label, filter) => {
    client.subscribeToAll({ fromPosition: 'start', filter });
    expect(driver.subscribes).toEqual([
      {
        fromPosition: 'start',
        filter: expect.objectContaining({ filterOn: 'streamName', ...filter }),
      },
    ]);
  });
});
