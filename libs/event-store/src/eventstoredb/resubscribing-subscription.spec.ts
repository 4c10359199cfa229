import type { RecordedEvent } from '../port/envelope';
import type { Subscription } from '../port/event-store';
import type { Position } from '../port/position';
import type {
  EsdbAllResolvedEvent,
  EsdbReadPosition,
  EsdbStreamFilter,
  EsdbSubscriptionHandle,
} from './esdb-client';
import {
  DEFAULT_RESUBSCRIBE_POLICY,
  type ResubscribePolicy,
  resubscribeDelay,
  resubscribingSubscription,
} from './resubscribing-subscription';
import { FakeEsdbClient, FakeEsdbServer, type FakeSubscription } from './testing/fake-esdb';

const FILTER: EsdbStreamFilter = { prefixes: ['s-'] };

/** Just enough of an envelope to follow ids and positions. */
const toRecorded = ({ event }: EsdbAllResolvedEvent): RecordedEvent | undefined =>
  event &&
  ({
    eventId: event.id,
    streamId: event.streamId,
    globalPosition: event.position,
  } as RecordedEvent);

interface Rig {
  server: FakeEsdbServer;
  client: FakeEsdbClient;
  delays: number[];
  errors: Array<[unknown, number]>;
  subscription: Subscription;
  iterator: AsyncIterator<RecordedEvent>;
  append(count: number): string[];
}

function rig(
  options: {
    policy?: Partial<ResubscribePolicy>;
    fromPosition?: Position;
    /** Opens with this position instead of the checkpoint (a server that starts earlier). */
    openAt?: (checkpoint: Position | undefined) => EsdbReadPosition;
    delay?: (ms: number) => Promise<void>;
    afterOpen?: (handle: FakeSubscription, attempt: number) => void;
  } = {},
): Rig {
  const server = new FakeEsdbServer();
  const client = new FakeEsdbClient(server);
  const delays: number[] = [];
  const errors: Array<[unknown, number]> = [];
  let opened = 0;
  let n = 0;
  const subscription = resubscribingSubscription(
    {
      open: (checkpoint) => {
        const handle = client.subscribeToAll({
          fromPosition: options.openAt?.(checkpoint) ?? checkpoint ?? 'start',
          filter: FILTER,
        });
        // The driver's subscription under the wrapper (the wrapper hands it out as it is).
        options.afterOpen?.(client.subscriptions.at(-1)!, ++opened);
        return handle;
      },
      toRecorded,
    },
    {
      fromPosition: options.fromPosition,
      policy: { ...DEFAULT_RESUBSCRIBE_POLICY, ...options.policy },
      delay: (ms) => {
        delays.push(ms);
        return options.delay?.(ms) ?? Promise.resolve();
      },
      onError: (error, failures) => errors.push([error, failures]),
    },
  );
  return {
    server,
    client,
    delays,
    errors,
    subscription,
    iterator: subscription[Symbol.asyncIterator](),
    append: (count) =>
      Array.from({ length: count }, () => {
        const event = server.foreign('E', { n: n++ });
        server.write('s-1', [event], 'any');
        return event.id;
      }),
  };
}

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setImmediate(resolve));
}

async function take(iterator: AsyncIterator<RecordedEvent>, count: number): Promise<string[]> {
  const ids: string[] = [];
  while (ids.length < count) {
    const next = await iterator.next();
    if (next.done) break;
    ids.push(next.value.eventId);
  }
  return ids;
}

describe('resubscribeDelay', () => {
  it('doubles from the initial delay up to the cap', () => {
    const policy = { initialDelayMs: 100, maxDelayMs: 1_000, maxAttempts: 5 };
    expect([1, 2, 3, 4, 5, 6].map((f) => resubscribeDelay(policy, f))).toEqual([
      100, 200, 400, 800, 1_000, 1_000,
    ]);
  });
});

describe('resubscribingSubscription', () => {
  it('resubscribes from the last delivered position after an error event, missing nothing', async () => {
    const r = rig();
    const first = r.append(3);
    expect(await take(r.iterator, 3)).toEqual(first);
    const failure = new Error('14 UNAVAILABLE: connection dropped');
    r.server.failSubscriptions(failure);
    const more = r.append(2);
    expect(await take(r.iterator, 2)).toEqual(more);
    const third = r.server.log.find((e) => e.id === first[2])!;
    expect(r.client.subscribeCalls).toEqual(['start', third.position]);
    expect(r.delays).toEqual([100]);
    expect(r.errors).toEqual([[failure, 1]]);
    // The broken subscription was let go.
    expect(r.client.subscriptions[0]!.unsubscribed).toBe(true);
    expect(r.client.subscriptions[0]!.destroyed).toBe(true);
    await r.subscription.stop();
  });

  it('drops events a new subscription delivers again (a server starting at or before the checkpoint)', async () => {
    const r = rig({ openAt: () => 'start' });
    const first = r.append(3);
    expect(await take(r.iterator, 3)).toEqual(first);
    r.server.failSubscriptions();
    const more = r.append(1);
    expect(await take(r.iterator, 1)).toEqual(more);
    await r.subscription.stop();
  });

  it('starts strictly after the given checkpoint', async () => {
    const seed = rig();
    const ids = seed.append(4);
    const checkpoint = seed.server.log.find((e) => e.id === ids[1])!.position;
    const r = rig({ fromPosition: checkpoint, openAt: () => 'start' });
    r.server.log.push(...seed.server.log.filter((e) => e.streamId === 's-1'));
    expect(await take(r.iterator, 2)).toEqual(ids.slice(2));
    await r.subscription.stop();
  });

  it('backs off exponentially while failures repeat, and starts over after an event', async () => {
    let failUntil = 4;
    const r = rig({
      policy: { initialDelayMs: 100, maxDelayMs: 400 },
      afterOpen: (handle, attempt) => {
        if (attempt <= failUntil) setImmediate(() => handle.fail(new Error(`attempt ${attempt}`)));
      },
    });
    // Attempts 1–4 fail; attempt 5 stays up and delivers.
    const first = take(r.iterator, 1);
    await until(() => r.server.subscriptions.size === 1 && r.client.subscribeCalls.length === 5);
    expect(r.delays).toEqual([100, 200, 400, 400]);
    const firstIds = r.append(1);
    expect(await first).toEqual(firstIds);
    // The delivered event reset the count: 100 again, then 200 for the failing attempt 6.
    failUntil = 6;
    const second = take(r.iterator, 1);
    r.server.failSubscriptions(new Error('again'));
    await until(() => r.server.subscriptions.size === 1 && r.client.subscribeCalls.length === 7);
    const ids = r.append(1);
    expect(await second).toEqual(ids);
    expect(r.delays).toEqual([100, 200, 400, 400, 100, 200]);
    expect(r.errors.map(([, failures]) => failures)).toEqual([1, 2, 3, 4, 1, 2]);
    await r.subscription.stop();
  });

  it('gives up after maxAttempts consecutive failures with the last error', async () => {
    const r = rig({
      policy: { maxAttempts: 2 },
      afterOpen: (handle, attempt) =>
        setImmediate(() => handle.fail(new Error(`attempt ${attempt}`))),
    });
    await expect(r.iterator.next()).rejects.toThrow('attempt 3');
    expect(r.delays).toHaveLength(2);
    expect(r.client.subscribeCalls).toHaveLength(3);
  });

  it('resubscribes when the client subscription just ends', async () => {
    const r = rig();
    const first = r.append(1);
    expect(await take(r.iterator, 1)).toEqual(first);
    r.client.subscriptions[0]!.end();
    const more = r.append(1);
    expect(await take(r.iterator, 1)).toEqual(more);
    expect(r.client.subscribeCalls).toHaveLength(2);
    expect(String(r.errors[0]![0])).toMatch(/ended/);
    await r.subscription.stop();
  });

  it('ends a pending read on stop, unsubscribes, and survives a late error event', async () => {
    const r = rig();
    const pending = r.iterator.next();
    await new Promise((resolve) => setImmediate(resolve));
    await r.subscription.stop();
    await expect(pending).resolves.toEqual({ done: true, value: undefined });
    const handle: EsdbSubscriptionHandle & FakeSubscription = r.client.subscriptions[0]!;
    expect(handle.unsubscribed).toBe(true);
    expect(() => handle.emit('error', new Error('late'))).not.toThrow();
  });

  it('ends during the wait between attempts on stop', async () => {
    const r = rig({
      delay: () => new Promise(() => undefined),
      afterOpen: (handle) => setImmediate(() => handle.fail(new Error('down'))),
    });
    const pending = r.iterator.next();
    await until(() => r.delays.length > 0);
    await r.subscription.stop();
    await expect(pending).resolves.toMatchObject({ done: true });
    expect(r.client.subscribeCalls).toHaveLength(1);
  });
});
