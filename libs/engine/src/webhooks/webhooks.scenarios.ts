import type { RecordedEvent, TransactionalEventStore } from '@account-ops/event-store';
import { FakeClock } from '@account-ops/testing';
import { accountStreamId } from '../repository/account-stream';
import { testKeyProvider } from '../privacy/testing/test-key-provider';
import { WebhookUrlRefused } from './address-guard';
import { createWebhooks, type Webhooks } from './create-webhooks';
import type { WebhookSettings } from './webhook-settings';
import { verifyWebhookSignature } from './webhook-signature';
import { WebhookStore } from './webhook-store';
import { webhookSqlFor } from './webhook-sql';
import { WebhookReceiver, type ReceivedWebhook } from './testing/webhook-receiver';

export interface WebhookStoreHandle {
  readonly store: TransactionalEventStore;
  /** Another connection to the same database (a second process), when the store has one. */
  openSecond?(): Promise<TransactionalEventStore>;
  dispose(): Promise<void>;
}

const HOUR = 3_600_000;
const keys = testKeyProvider();

interface Payload {
  id: string;
  type: string;
  accountId: string;
  version: number;
  position: string;
  data: Record<string, unknown>;
  notification: { kind: string } | null;
}

const payload = (r: ReceivedWebhook): Payload => JSON.parse(r.body) as Payload;

/** Appends `count` freeze/unfreeze events (customer-facing) to an account. */
async function appendEvents(
  store: TransactionalEventStore,
  accountId: string,
  count: number,
  clock: FakeClock,
): Promise<RecordedEvent[]> {
  const stream = accountStreamId(accountId);
  let version = 0;
  try {
    version = (await store.readStream(stream, { direction: 'backwards', maxCount: 1 }))[0]!.version;
  } catch {
    version = 0;
  }
  const events = Array.from({ length: count }, (_, i) => ({
    type: (version + i) % 2 === 0 ? 'FreezeApplied' : 'FreezeLifted',
    data: { reason: 'manual', note: null, trigger: 'Freeze', at: clock.now().toISOString() },
    metadata: { actor: { id: 'tester', roles: ['admin'] } },
  }));
  const result = await store.appendToStream(stream, events, {
    expectedVersion: version === 0 ? 'no_stream' : version,
  });
  return [...result.events];
}

/**
 * Runs the dispatcher, moving the fake clock past every back-off, until nothing is
 * pending (or `rounds` runs): the way time passes for a delivery that is retried for days.
 */
async function drain(webhooks: Webhooks, clock: FakeClock, rounds = 20): Promise<void> {
  for (let i = 0; i < rounds; i++) {
    const report = await webhooks.dispatcher.runDue();
    if (report.queued + report.delivered + report.retrying + report.dead === 0) return;
    clock.advance(7 * HOUR);
  }
}

export function webhookScenarios(name: string, open: () => Promise<WebhookStoreHandle>): void {
  describe(`webhooks on ${name}`, () => {
    let handle: WebhookStoreHandle;
    let receiver: WebhookReceiver;
    let clock: FakeClock;
    const make = (settings: Partial<WebhookSettings> = {}, store = handle.store) =>
      createWebhooks({
        store,
        keyProvider: keys,
        clock,
        settings: { development: true, timeoutMs: 5_000, random: () => 0.5, ...settings },
      });

    beforeEach(async () => {
      handle = await open();
      receiver = await WebhookReceiver.start();
      clock = new FakeClock('2026-03-01T10:00:00.000Z');
    });
    afterEach(async () => {
      await receiver.close();
      await handle.dispose();
    });

    it('delivers every event at least once, signed, in order per account, through 500s, timeouts and drops', async () => {
      // A short timeout for the receiver that never answers (real time: the socket's).
      const webhooks = await make({ timeoutMs: 300 });
      const before = await appendEvents(handle.store, 'acct-before', 1, clock);
      const { endpoint, secret } = await webhooks.endpoints.register({
        url: receiver.url,
        topics: ['*'],
      });
      const a = await appendEvents(handle.store, 'acct-a', 3, clock);
      const b = await appendEvents(handle.store, 'acct-b', 2, clock);
      receiver.next('fail', 'hang', 'drop', 'redirect', 'fail');

      await drain(webhooks, clock);

      // Registered after `before`: only events committed since.
      const ids = new Set(receiver.accepted().map((r) => r.headers['webhook-id']));
      expect([...ids].sort()).toEqual([...a, ...b].map((e) => e.eventId).sort());
      expect(ids.has(before[0]!.eventId)).toBe(false);
      for (const request of receiver.received) {
        // Every attempt was signed with the secret shown at registration, at the clock's time.
        const verdict = verifyWebhookSignature(
          request.headers['webhook-signature'] as string,
          request.body,
          [secret],
          { now: clock.now(), toleranceSeconds: 30 * 24 * 3600 },
        );
        expect(verdict.valid).toBe(true);
        expect(payload(request).id).toBe(request.headers['webhook-id']);
      }
      // Per account, attempts never go back to an earlier version.
      for (const account of ['acct-a', 'acct-b']) {
        const versions = receiver.received
          .map(payload)
          .filter((p) => p.accountId === account)
          .map((p) => p.version);
        expect(versions).toEqual([...versions].sort((x, y) => x - y));
      }
      const deliveries = await webhooks.endpoints.deliveries(endpoint.id);
      expect(deliveries.map((d) => d.status)).toEqual(Array(5).fill('delivered'));
      expect(deliveries.some((d) => d.attempts > 1)).toBe(true);
      expect(JSON.stringify(deliveries)).not.toContain('private stack trace');
    });

    it('dead-letters after the configured attempts, and an admin re-sends one or all', async () => {
      const webhooks = await make({ maxAttempts: 3 });
      const { endpoint } = await webhooks.endpoints.register({
        url: receiver.url,
        topics: ['account_frozen'],
      });
      receiver.otherwise = 'fail';
      await appendEvents(handle.store, 'acct-1', 1, clock);
      await appendEvents(handle.store, 'acct-2', 1, clock);
      await appendEvents(handle.store, 'acct-3', 2, clock); // frozen, unfrozen: one matches

      await drain(webhooks, clock);

      expect(receiver.received).toHaveLength(9); // three deliveries × three attempts
      const dead = await webhooks.endpoints.deliveries(endpoint.id, { status: 'dead' });
      expect(dead).toHaveLength(3);
      for (const d of dead) {
        expect(d).toMatchObject({
          attempts: 3,
          lastStatus: 500,
          lastError: 'HTTP 500',
          topic: 'account_frozen',
        });
      }
      clock.advance(30 * 24 * HOUR);
      await webhooks.dispatcher.runDue();
      expect(receiver.received).toHaveLength(9); // dead letters are not retried on their own

      receiver.otherwise = 'ok';
      await expect(webhooks.endpoints.resend(endpoint.id, dead[0]!.id)).resolves.toBe(1);
      await drain(webhooks, clock);
      expect(receiver.accepted().map((r) => payload(r).accountId)).toEqual([dead[0]!.accountId]);

      await expect(webhooks.endpoints.resend(endpoint.id)).resolves.toBe(2);
      await drain(webhooks, clock);
      expect(receiver.accepted()).toHaveLength(3);
      expect(await webhooks.endpoints.deliveries(endpoint.id, { status: 'dead' })).toEqual([]);
    });

    it('retries for the whole window (3 days by default), then dead-letters', async () => {
      const webhooks = await make();
      const { endpoint } = await webhooks.endpoints.register({ url: receiver.url, topics: ['*'] });
      receiver.otherwise = 'fail';
      const start = clock.now().getTime();
      await appendEvents(handle.store, 'acct-w', 1, clock);
      await drain(webhooks, clock, 100);
      const [delivery] = await webhooks.endpoints.deliveries(endpoint.id);
      expect(delivery!.status).toBe('dead');
      expect(delivery!.attempts).toBeGreaterThan(5);
      expect(clock.now().getTime() - start).toBeGreaterThanOrEqual(3 * 24 * HOUR);
    });

    it('replays from a global position: exactly the events after it, again', async () => {
      const webhooks = await make();
      const { endpoint } = await webhooks.endpoints.register({ url: receiver.url, topics: ['*'] });
      const events = await appendEvents(handle.store, 'acct-r', 5, clock);
      await drain(webhooks, clock);
      expect(receiver.accepted()).toHaveLength(5);

      await webhooks.endpoints.replay(
        endpoint.id,
        events[1]!.globalPosition.commit === events[1]!.globalPosition.prepare
          ? String(events[1]!.globalPosition.commit)
          : `${events[1]!.globalPosition.commit}/${events[1]!.globalPosition.prepare}`,
      );
      await drain(webhooks, clock);

      const replayed = receiver
        .accepted()
        .slice(5)
        .map((r) => r.headers['webhook-id']);
      expect(replayed).toEqual(events.slice(2).map((e) => e.eventId));
      await expect(webhooks.endpoints.replay(endpoint.id, 'yesterday')).rejects.toThrow(/position/);
    });

    it('re-delivers a delivery whose process died after claiming it, and ignores the dead lease', async () => {
      const first = await make({ timeoutMs: 400, leaseMs: 60_000 });
      const second = await make({ timeoutMs: 20_000, leaseMs: 60_000 });
      await first.endpoints.register({ url: receiver.url, topics: ['*'] });
      const [event] = await appendEvents(handle.store, 'acct-c', 1, clock);
      // The first process claims and never acknowledges (its receiver call hangs)…
      receiver.next('hang');
      const crashed = first.dispatcher.runDue();
      await until(() => receiver.received.length === 1);
      // …a second process finds the delivery leased, and takes it over once the lease ran out.
      expect((await second.dispatcher.runDue()).delivered).toBe(0);
      clock.advance(61_000);
      expect((await second.dispatcher.runDue()).delivered).toBe(1);
      await crashed; // the abandoned attempt ends; it may no longer write
      const [endpoint] = await second.endpoints.list();
      const deliveries = await second.endpoints.deliveries(endpoint!.id);
      expect(deliveries).toMatchObject([
        { eventId: event!.eventId, status: 'delivered', attempts: 1 },
      ]);
      expect(receiver.accepted().map((r) => r.headers['webhook-id'])).toEqual([event!.eventId]);
    });

    it('shares deliveries between two processes without delivering one twice', async () => {
      const secondStore = handle.openSecond ? await handle.openSecond() : handle.store;
      try {
        // A generous timeout: on a loaded machine a timed-out attempt would (rightly) be sent twice.
        const a = await make({ batchSize: 7, timeoutMs: 20_000, leaseMs: 60_000 });
        const b = await make({ batchSize: 7, timeoutMs: 20_000, leaseMs: 60_000 }, secondStore);
        await a.endpoints.register({ url: receiver.url, topics: ['*'] });
        const appended: RecordedEvent[] = [];
        for (let i = 0; i < 12; i++)
          appended.push(...(await appendEvents(handle.store, `acct-${i}`, 3, clock)));
        for (let i = 0; i < 10; i++) {
          await Promise.all([a.dispatcher.runDue(), b.dispatcher.runDue()]);
        }
        const ids = receiver.received.map((r) => r.headers['webhook-id']);
        expect(ids.slice().sort()).toEqual(appended.map((e) => e.eventId).sort());
        for (let i = 0; i < 12; i++) {
          const versions = receiver.received
            .map(payload)
            .filter((p) => p.accountId === `acct-${i}`)
            .map((p) => p.version);
          expect(versions).toEqual([1, 2, 3]);
        }
      } finally {
        if (secondStore !== handle.store) await secondStore.close();
      }
    });

    it('refuses private, metadata and (outside development) loopback addresses at registration and at delivery', async () => {
      const production = await make({ development: false });
      for (const url of [
        'https://10.1.2.3/h',
        'https://169.254.169.254/latest',
        'https://[::1]/h',
        receiver.url,
      ]) {
        await expect(production.endpoints.register({ url, topics: ['*'] })).rejects.toThrow(
          WebhookUrlRefused,
        );
      }
      expect(await production.endpoints.list()).toEqual([]);

      // Registered in development, delivered by a production process: refused, nothing sent.
      const development = await make();
      const { endpoint } = await development.endpoints.register({
        url: receiver.url,
        topics: ['*'],
      });
      await appendEvents(handle.store, 'acct-s', 1, clock);
      await production.dispatcher.runDue();
      const [delivery] = await production.endpoints.deliveries(endpoint.id);
      expect(delivery!.lastError).toMatch(/loopback/);
      expect(receiver.received).toEqual([]);

      // A name whose DNS answer changes to a private address after registration.
      let answer = '93.184.215.14';
      const dns = await make({
        development: false,
        resolve: async () => [{ address: answer, family: 4 }],
      });
      const changing = await dns.endpoints.register({
        url: 'https://hooks.example.test/in',
        topics: ['*'],
      });
      answer = '10.0.0.5';
      await appendEvents(handle.store, 'acct-s', 1, clock);
      await dns.dispatcher.runDue();
      const [refused] = await dns.endpoints.deliveries(changing.endpoint.id);
      expect(refused!.lastError).toMatch(/10\.0\.0\.5/);
    });

    it('rotates a secret: both sign for a while, then only the new one; the secret is never stored in clear', async () => {
      const webhooks = await make();
      const { endpoint, secret: old } = await webhooks.endpoints.register({
        url: receiver.url,
        topics: ['*'],
      });
      const rotated = await webhooks.endpoints.change(endpoint.id, { rotateSecret: true });
      expect(rotated.secret).toMatch(/^whsec_/);
      await appendEvents(handle.store, 'acct-k', 1, clock);
      await drain(webhooks, clock);
      const header = receiver.received[0]!.headers['webhook-signature'] as string;
      expect(header.match(/v1=/g)).toHaveLength(2);
      const opts = { now: clock.now(), toleranceSeconds: 10 ** 6 };
      expect(verifyWebhookSignature(header, receiver.received[0]!.body, [old], opts).valid).toBe(
        true,
      );
      expect(
        verifyWebhookSignature(header, receiver.received[0]!.body, [rotated.secret!], opts).valid,
      ).toBe(true);

      clock.advance(25 * HOUR);
      await appendEvents(handle.store, 'acct-k', 1, clock);
      await drain(webhooks, clock);
      const later = receiver.received[1]!.headers['webhook-signature'] as string;
      expect(later.match(/v1=/g)).toHaveLength(1);
      expect(
        verifyWebhookSignature(later, receiver.received[1]!.body, [old], {
          ...opts,
          now: clock.now(),
        }).valid,
      ).toBe(false);

      const rows = await new WebhookStore(webhookSqlFor(handle.store)).listEndpoints();
      expect(JSON.stringify(rows)).not.toContain(old.slice(6));
      expect(JSON.stringify(rows)).not.toContain(rotated.secret!.slice(6));
    });

    it('pauses a disabled endpoint and sends what it owes once enabled again', async () => {
      const webhooks = await make();
      const { endpoint } = await webhooks.endpoints.register({ url: receiver.url, topics: ['*'] });
      await webhooks.endpoints.change(endpoint.id, { enabled: false });
      await appendEvents(handle.store, 'acct-p', 2, clock);
      await drain(webhooks, clock);
      expect(receiver.received).toEqual([]);
      await webhooks.endpoints.change(endpoint.id, { enabled: true });
      await drain(webhooks, clock);
      expect(receiver.accepted()).toHaveLength(2);
      await webhooks.endpoints.remove(endpoint.id);
      expect(await webhooks.endpoints.list()).toEqual([]);
    });
  });
}

async function until(condition: () => boolean): Promise<void> {
  // Waits on real I/O (the receiver seeing a request), not on time: polls the event loop.
  while (!condition()) await new Promise((resolve) => setImmediate(resolve));
}
