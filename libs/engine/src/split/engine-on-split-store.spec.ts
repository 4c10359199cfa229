import {
  APPLIED_COLLECTION,
  EventStoreDbEventStore,
  SplitEventStore,
  SqliteEventStore,
  type RecordWrite,
} from '@account-ops/event-store';
import { FakeEsdbClient, FakeEsdbServer } from '@account-ops/event-store/testing';
import { accountFixtures as fx, FakeClock } from '@account-ops/testing';
import { commandExecutorScenarios } from '../commands/command-executor.scenarios';
import { createAccountOps } from '../create-account-ops';
import { idempotencyScenarios } from '../idempotency/idempotency.scenarios';
import { accountStreamId } from '../repository/account-stream';
import { dataKeyValue } from '../privacy/data-key-record';
import { dataKeyContext } from '../privacy/key-provider';
import { testKeyProvider } from '../privacy/testing/test-key-provider';

const SECRET = 'test-card-fingerprint-secret';
// The processes of one deployment share its key-encryption key.
const KEYS = testKeyProvider();

/** Events on an EventStoreDB (in-memory fake server), records in SQLite. */
function splitStore(server: FakeEsdbServer, records: SqliteEventStore, clock?: FakeClock) {
  return new SplitEventStore({
    events: new EventStoreDbEventStore(new FakeEsdbClient(server), {
      now: clock ? () => clock.now() : undefined,
    }),
    records,
  });
}

async function openSplit() {
  const records = new SqliteEventStore({ filename: ':memory:' });
  const store = splitStore(new FakeEsdbServer(), records);
  return { store, dispose: () => store.close() };
}

// Everything the engine promises on one database, it promises on the split store too.
commandExecutorScenarios('split (EventStoreDB fake + SQLite records)', openSplit);
idempotencyScenarios('split (EventStoreDB fake + SQLite records)', openSplit);

/**
 * The record store of a process that dies right after its event-store append: it wrote
 * the data key before the append, then never applied the writes carried by the events.
 */
function diesAfterAppend(records: SqliteEventStore): SqliteEventStore {
  return new Proxy(records, {
    get(target, property) {
      if (property === 'writeRecords') {
        return (writes: readonly RecordWrite[]) =>
          writes.some((w) => w.collection === APPLIED_COLLECTION)
            ? Promise.reject(new Error('killed'))
            : target.writeRecords(writes);
      }
      if (property === 'close') return () => Promise.resolve();
      const value = Reflect.get(target, property) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

describe('the engine on the split store, across a crash between the two stores', () => {
  let server: FakeEsdbServer;
  let records: SqliteEventStore;
  let clock: FakeClock;
  beforeEach(() => {
    server = new FakeEsdbServer();
    records = new SqliteEventStore({ filename: ':memory:' });
    clock = new FakeClock(fx.NOW);
  });
  afterEach(() => records.close());

  const engineOn = (store: SplitEventStore) =>
    createAccountOps({ store, clock, cardFingerprintSecret: SECRET, keyProvider: KEYS });

  it('a retried command after the crash returns the committed result instead of applying twice', async () => {
    const healthy = engineOn(splitStore(server, records, clock));
    for (const command of fx.funded(10_000))
      await healthy.execute(command, fx.setUpOptions(command));

    const dying = engineOn(splitStore(server, diesAfterAppend(records), clock));
    const first = await dying.execute(fx.topUp('t9', 700), { idempotencyKey: 'pay-9' });
    expect(first.replayed).toBe(false);

    const retried = await healthy.execute(fx.topUp('t9', 700), { idempotencyKey: 'pay-9' });
    expect(retried.replayed).toBe(true);
    expect(retried.version).toBe(first.version);
    const stream = await records.listRecords('idempotency');
    expect(stream.length).toBeGreaterThan(0);
    const topUps = (await healthy.load(fx.ACCOUNT_ID)).state.topUps;
    expect(Object.keys(topUps).filter((id) => id === 't9')).toHaveLength(1);
  });

  it('deadlines scheduled by a command whose process died still fire, once', async () => {
    // Funded by a healthy process: the card change carries a notification (an outbox row)
    // the dying process could not apply either, and every later command would settle it first.
    const healthy = engineOn(splitStore(server, records, clock));
    for (const command of fx.funded(10_000))
      await healthy.execute(command, fx.setUpOptions(command));
    const dying = engineOn(splitStore(server, diesAfterAppend(records), clock));
    await dying.execute(fx.refund('r1', 1_000));
    expect(await records.listRecords('deadline')).toEqual([]);

    const survivor = splitStore(server, records, clock);
    await survivor.catchUpRecords();
    const ops = engineOn(survivor);
    expect((await records.listRecords('deadline')).length).toBeGreaterThan(0);
    clock.advanceDays(30);
    const fired = await ops.deadlines.runDue();
    const again = await ops.deadlines.runDue();
    expect(fired.fired).toBeGreaterThan(0);
    expect(again.fired).toBe(0);
    const events = await survivor.readStream(accountStreamId(fx.ACCOUNT_ID));
    const expired = events.filter((e) => e.type === 'RefundExpired');
    expect(expired).toHaveLength(1);
  });

  it('an open that died before its append leaves a data key the next open reuses', async () => {
    const orphan = dataKeyValue(
      await KEYS.wrap(Buffer.alloc(32, 7), dataKeyContext(fx.ACCOUNT_ID)),
    );
    await records.writeRecords([
      { op: 'insert', collection: 'data-key', key: fx.ACCOUNT_ID, value: orphan },
    ]);
    const ops = engineOn(splitStore(server, records, clock));
    await ops.execute(fx.open());
    expect((await records.getRecord('data-key', fx.ACCOUNT_ID))?.value).toEqual(orphan);
    expect((await ops.load(fx.ACCOUNT_ID)).state).toMatchObject({
      owner: { name: fx.open().ownerName },
    });
  });

  it('two processes opening the same account at once: one wins, its personal data stays readable', async () => {
    const a = engineOn(splitStore(server, records, clock));
    const b = engineOn(splitStore(server, records, clock));
    const outcomes = await Promise.allSettled([a.execute(fx.open()), b.execute(fx.open())]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const fresh = engineOn(splitStore(server, records, clock));
    expect((await fresh.load(fx.ACCOUNT_ID)).state).toMatchObject({
      owner: { name: fx.open().ownerName },
    });
  });

  it('personal data stays shreddable: the data key never reaches EventStoreDB', async () => {
    const ops = engineOn(splitStore(server, records, clock));
    for (const command of fx.funded(10_000)) await ops.execute(command, fx.setUpOptions(command));
    const key = (await records.getRecord('data-key', fx.ACCOUNT_ID))?.value as { wrapped: string };
    expect(typeof key.wrapped).toBe('string');
    const logged = JSON.stringify(server.log, (_k, v: unknown) =>
      typeof v === 'bigint' ? v.toString() : v,
    );
    expect(logged).not.toContain(key.wrapped);
  });
});
