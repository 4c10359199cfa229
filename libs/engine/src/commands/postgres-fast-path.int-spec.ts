import { PostgresEventStore, type RecordedEvent } from '@account-ops/event-store';
import {
  accountFixtures as fx,
  dropSchema,
  FakeClock,
  freshSchemaName,
  testPgUrl,
  usesPglite,
} from '@account-ops/testing';
import { Pool, type PoolClient } from 'pg';
import { createAccountOps, type AccountOps } from '../create-account-ops';
import { accountStreamId } from '../repository/account-stream';

/**
 * The engine's fast path on the real server: commands decided on the cached state, the
 * idempotency claim and expected version checked in the group's transaction, and what
 * happens when that transaction is cut between its two statements or after its commit.
 */
const url = testPgUrl();
const admin = new Pool({ connectionString: url, max: 2 });
afterAll(() => admin.end());
// PGlite has a single backend: terminating "the group's connection" would end every session.
const onRealServer = usesPglite() ? it.skip : it;

const SECRET = 'test-card-fingerprint-secret';
const isLockStep = (text: string) => text.startsWith('BEGIN') && text.includes('FOR UPDATE');
const isWriteStep = (text: string) => text.includes('INSERT INTO') && text.endsWith('COMMIT');

type Hook = (text: string, run: () => Promise<unknown>, client: PoolClient) => Promise<unknown>;

/**
 * A pool whose clients pass every text query through `hook.current` (one-shot hooks clear
 * it), so a test can act between the group's statements exactly when the store sends them.
 */
function hookedPool(hook: { current?: Hook }): Pool {
  const pool = new Pool({ connectionString: url, max: 4 });
  pool.on('error', () => undefined);
  const wrapped = new WeakSet<PoolClient>();
  const connect = pool.connect.bind(pool) as (...args: unknown[]) => Promise<PoolClient>;
  const wrap = (client: PoolClient): PoolClient => {
    if (wrapped.has(client)) return client;
    wrapped.add(client);
    const query = client.query.bind(client) as (...args: unknown[]) => Promise<unknown>;
    (client as unknown as { query: unknown }).query = (...args: unknown[]) => {
      const [text] = args;
      const current = hook.current;
      if (typeof text !== 'string' || !current) return query(...args);
      return current(text, () => query(...args), client);
    };
    return client;
  };
  (pool as unknown as { connect: unknown }).connect = (...args: unknown[]) =>
    args.length > 0 ? connect(...args) : connect().then(wrap);
  return pool;
}

describe('engine fast path on PostgreSQL', () => {
  let schema: string;
  let pool: Pool;
  let store: PostgresEventStore;
  const hook: { current?: Hook } = {};
  const opened: PostgresEventStore[] = [];
  const clock = new FakeClock(fx.NOW);
  const engine = (): AccountOps =>
    createAccountOps({ store, clock, cardFingerprintSecret: SECRET });

  beforeEach(async () => {
    schema = freshSchemaName('engine_fast');
    hook.current = undefined;
    pool = hookedPool(hook);
    store = await PostgresEventStore.connect({ pool, schema, listen: false });
  });
  afterEach(async () => {
    for (const other of opened.splice(0)) await other.close();
    await store.close();
    await pool.end();
    await dropSchema(admin, schema);
  });

  /** The next group's write commits, then its answer is lost as a dropped connection loses it. */
  const loseTheNextCommitAnswer = () => {
    hook.current = async (text, run) => {
      if (!isWriteStep(text)) return run();
      hook.current = undefined;
      await run();
      throw new Error('Connection terminated unexpectedly');
    };
  };
  const stream = (accountId = fx.ACCOUNT_ID): Promise<RecordedEvent[]> =>
    store.readStream(accountStreamId(accountId));
  const topUpsIn = (events: RecordedEvent[]) =>
    events.filter((e) => e.type === 'TopUpInitiated').length;
  const forAccount = <C extends { accountId: string }>(accountId: string, command: C): C => ({
    ...command,
    accountId,
  });

  it('sends one query per command once the account is cached: lock, write and commit', async () => {
    const ops = engine();
    for (const command of fx.funded(1_000)) await ops.execute(command, fx.setUpOptions(command));
    const sent: string[] = [];
    hook.current = (text, run) => {
      sent.push(text);
      return run();
    };
    for (let i = 1; i <= 3; i++) {
      await ops.execute(fx.topUp(`t${i}`, 100), { idempotencyKey: `k${i}` });
    }
    hook.current = undefined;
    expect(sent).toHaveLength(3);
    expect(sent.every((text) => isLockStep(text) && isWriteStep(text))).toBe(true);
    expect((await ops.load(fx.ACCOUNT_ID)).state.balance.pendingIn).toBe(300);
  });

  onRealServer(
    'stores nothing when the connection dies between the lock and the write, and the retry runs once',
    async () => {
      for (const command of fx.funded(1_000))
        await engine().execute(command, fx.setUpOptions(command));
      // A store that has not committed to the stream yet knows no tip: its group takes the
      // checked path, two round trips (lock and read the tips, then write and commit).
      const second = await PostgresEventStore.connect({ pool, schema, listen: false });
      opened.push(second);
      const ops = createAccountOps({ store: second, clock, cardFingerprintSecret: SECRET });
      hook.current = async (text, run, client) => {
        if (!isLockStep(text) || isWriteStep(text)) return run();
        hook.current = undefined;
        const locked = await run();
        const pid = (client as unknown as { processID: number }).processID;
        await admin.query('SELECT pg_terminate_backend($1)', [pid]);
        return locked;
      };
      await expect(ops.execute(fx.topUp('t1', 500), { idempotencyKey: 'k1' })).rejects.toThrow();
      expect(await stream()).toHaveLength(fx.funded().length);
      expect(await store.listRecords('idempotency')).toHaveLength(0);

      const retried = await ops.execute(fx.topUp('t1', 500), { idempotencyKey: 'k1' });
      expect(retried.replayed).toBe(false);
      const again = await engine().execute(fx.topUp('t1', 500), { idempotencyKey: 'k1' });
      expect(again).toMatchObject({ replayed: true, version: retried.version });
      expect(topUpsIn(await stream())).toBe(2); // the seed and t1, once
      expect((await engine().load(fx.ACCOUNT_ID)).state.balance.pendingIn).toBe(500);
    },
  );

  it('answers with the recorded result when the answer to the commit is lost, never applying twice', async () => {
    // On the tips its own commits left, the group is one query: BEGIN … COMMIT.
    const ops = engine();
    for (const command of fx.funded(1_000)) await ops.execute(command, fx.setUpOptions(command));
    loseTheNextCommitAnswer();
    // The append's outcome is unknown to the engine; its key's record shows it committed.
    const first = await ops.execute(fx.topUp('t1', 500), { idempotencyKey: 'k1' });
    const committed = await stream();
    expect(committed).toHaveLength(fx.funded().length + 1);
    expect(first).toMatchObject({ replayed: true, version: committed.length });
    expect(first.events.map((e) => e.eventId)).toEqual([committed.at(-1)!.eventId]);

    // The engine still caches the state before t1: a retry must not append t1 again.
    const retried = await ops.execute(fx.topUp('t1', 500), { idempotencyKey: 'k1' });
    expect(retried).toMatchObject({ replayed: true, version: committed.length });
    await expect(ops.execute(fx.topUp('t1', 700), { idempotencyKey: 'k1' })).rejects.toMatchObject({
      code: 'IDEMPOTENCY_KEY_REUSED',
    });
    expect(await stream()).toHaveLength(committed.length);
    expect((await ops.load(fx.ACCOUNT_ID)).state.balance.pendingIn).toBe(500);
  });

  it('fails the command whose commit answer is lost when it had no key, and appends nothing more', async () => {
    const ops = engine();
    for (const command of fx.funded(1_000)) await ops.execute(command, fx.setUpOptions(command));
    loseTheNextCommitAnswer();
    await expect(ops.execute(fx.topUp('t1', 500))).rejects.toThrow(
      'Connection terminated unexpectedly',
    );
    // Decided again on the stale cache, the retry's append is refused and re-decided.
    await expect(ops.execute(fx.topUp('t1', 500))).rejects.toMatchObject({
      code: 'TOP_UP_ALREADY_EXISTS',
    });
    expect(topUpsIn(await stream())).toBe(2);
  });

  it('commits a group around a member refused for its key and one whose cached state was stale', async () => {
    const ops = engine();
    const accounts = ['g1', 'g2', 'g3', 'g4'];
    for (const id of accounts) await ops.execute(forAccount(id, fx.open()));
    await ops.execute(forAccount('g2', fx.topUp('t0', 100)), { idempotencyKey: 'used' });
    // Another process moves g3 past the state ops caches.
    await engine().execute(forAccount('g3', fx.topUp('t0', 100)));

    const results = await Promise.allSettled([
      ops.execute(forAccount('g1', fx.topUp('t1', 100)), { idempotencyKey: 'k-g1' }),
      ops.execute(forAccount('g2', fx.topUp('t1', 100)), { idempotencyKey: 'used' }),
      ops.execute(forAccount('g3', fx.topUp('t0', 100)), { idempotencyKey: 'k-g3' }),
      ops.execute(forAccount('g4', fx.topUp('t1', 100)), { idempotencyKey: 'k-g4' }),
    ]);
    expect(results.map((r) => r.status)).toEqual([
      'fulfilled',
      'rejected',
      'rejected',
      'fulfilled',
    ]);
    const [g1, g2, g3, g4] = results;
    expect(g2).toMatchObject({ reason: { code: 'IDEMPOTENCY_KEY_REUSED' } });
    // Decided on the stale state t0 was new; re-decided on the head it is a duplicate.
    expect(g3).toMatchObject({ reason: { code: 'TOP_UP_ALREADY_EXISTS' } });
    const committedBy = (r: typeof g1) =>
      r.status === 'fulfilled' ? r.value.events[0]!.globalPosition.commit : undefined;
    // g1 and g4 were in one group that the refused members did not make fall back.
    expect(committedBy(g1)).toBe(committedBy(g4));
    expect(topUpsIn(await stream('g2'))).toBe(1);
    expect(topUpsIn(await stream('g3'))).toBe(1);
    expect(await store.getRecord('idempotency', JSON.stringify([fx.SYSTEM.id, 'k-g3']))).toBe(
      undefined,
    );
  });
});
