import { isDomainError } from '@account-ops/accounts';
import type { TransactionalEventStore } from '@account-ops/event-store';
import { accountFixtures as fx, FakeClock } from '@account-ops/testing';
import { createAccountOps, type AccountOps } from '../create-account-ops';
import { accountStreamId } from '../repository/account-stream';

const SECRET = 'test-card-fingerprint-secret';

export interface StoreHandle {
  readonly store: TransactionalEventStore;
  dispose(): Promise<void>;
}

async function settleAll<T>(work: Promise<T>[]) {
  const results = await Promise.allSettled(work);
  const failures = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
  return { succeeded: results.length - failures.length, failures };
}

/** Engine behaviour every store must support; run by one spec per adapter. */
export function commandExecutorScenarios(
  name: string,
  openStore: () => Promise<StoreHandle>,
): void {
  describe(`command executor on ${name}`, () => {
    let handle: StoreHandle;
    let clock: FakeClock;
    let ops: AccountOps;
    beforeEach(async () => {
      handle = await openStore();
      clock = new FakeClock(fx.NOW);
      ops = createAccountOps({ store: handle.store, clock, cardFingerprintSecret: SECRET });
    });
    afterEach(() => handle.dispose());

    async function fund(balance: number): Promise<void> {
      for (const command of fx.funded(balance))
        await ops.execute(command, fx.setUpOptions(command));
    }

    it('runs a story and stores each step with who, when and why', async () => {
      await ops.execute(fx.open(), { idempotencyKey: 'k-open', correlationId: 'corr-1' });
      clock.advanceMinutes(5);
      await ops.execute(fx.card(), fx.HOST_VERIFIED);
      await ops.execute(fx.topUp('t1', 50_000));
      const settled = await ops.execute(fx.settle('t1'));
      expect(settled.version).toBe(settled.events[settled.events.length - 1]!.version);
      expect(settled.state.balance).toEqual({ available: 50_000, held: 0, pendingIn: 0 });
      const stored = await handle.store.readStream(accountStreamId(fx.ACCOUNT_ID));
      expect(stored[0]!.metadata).toMatchObject({
        actor: fx.OPERATOR,
        occurredAt: fx.NOW,
        correlationId: 'corr-1',
        idempotencyKey: 'k-open',
      });
      expect(stored[1]!.metadata.occurredAt).toBe(clock.now().toISOString());
      expect((await ops.load(fx.ACCOUNT_ID)).state).toEqual(settled.state);
    });

    it('never stores the card number', async () => {
      await fund(10_000);
      const stored = JSON.stringify(
        (await handle.store.readAll()).map(({ data, metadata }) => ({ data, metadata })),
      );
      expect(stored).not.toContain(fx.VISA);
      expect(stored).toContain('hmac-sha256:');
    });

    it('writes nothing when the domain refuses', async () => {
      await fund(1_000);
      const before = await handle.store.headPosition();
      await expect(ops.execute(fx.refund('r1', 5_000))).rejects.toMatchObject({
        code: 'INSUFFICIENT_FUNDS',
      });
      expect(await handle.store.headPosition()).toEqual(before);
    });

    it('lets exactly the affordable share of 50 concurrent refund requests through', async () => {
      await fund(100_000);
      const { succeeded, failures } = await settleAll(
        Array.from({ length: 50 }, (_, i) => ops.execute(fx.refund(`r${i}`, 3_000))),
      );
      expect(succeeded).toBe(33);
      expect(failures).toHaveLength(17);
      failures.forEach((error) => expect(error).toMatchObject({ code: 'INSUFFICIENT_FUNDS' }));
      const { state, version } = await ops.load(fx.ACCOUNT_ID);
      expect(state.balance).toEqual({ available: 1_000, held: 99_000, pendingIn: 0 });
      expect(version).toBe(fx.funded().length + 33);
    });

    it('re-decides on fresh state when another engine instance wins the race', async () => {
      await fund(60_000);
      const other = createAccountOps({ store: handle.store, clock, cardFingerprintSecret: SECRET });
      const { succeeded, failures } = await settleAll(
        Array.from({ length: 30 }, (_, i) =>
          (i % 2 ? ops : other).execute(fx.refund(`r${i}`, 5_000)),
        ),
      );
      expect(succeeded).toBe(12);
      failures.forEach((error) => expect(isDomainError(error)).toBe(true));
      expect((await ops.load(fx.ACCOUNT_ID)).state.balance).toEqual({
        available: 0,
        held: 60_000,
        pendingIn: 0,
      });
    });

    it('refuses only on the stored head, not on a cached state another engine has moved past', async () => {
      await fund(1_000);
      const other = createAccountOps({ store: handle.store, clock, cardFingerprintSecret: SECRET });
      await other.execute(fx.topUp('t2', 10_000));
      await other.execute(fx.settle('t2'));
      // ops still caches the account with 1,000 available.
      const result = await ops.execute(fx.refund('r1', 5_000));
      expect(result.state.balance).toEqual({ available: 6_000, held: 5_000, pendingIn: 0 });
      expect(result.version).toBe(fx.funded().length + 3);
    });

    it('answers a command without effect on the stored head, not on a stale cached state', async () => {
      await fund(1_000);
      const other = createAccountOps({ store: handle.store, clock, cardFingerprintSecret: SECRET });
      await other.execute(fx.topUp('t2', 10_000));
      const result = await ops.execute(fx.command('ExportAccountData', {}));
      expect(result.version).toBe(fx.funded().length + 1);
      expect(result.state.balance.pendingIn).toBe(10_000);
    });

    it('appends a decision taken on a stale cached state only after re-deciding it on the head', async () => {
      await fund(10_000);
      const other = createAccountOps({ store: handle.store, clock, cardFingerprintSecret: SECRET });
      await other.execute(fx.refund('r1', 8_000));
      // ops caches 10,000 available: its first decision passes, its append must not.
      await expect(ops.execute(fx.refund('r2', 8_000))).rejects.toMatchObject({
        code: 'INSUFFICIENT_FUNDS',
      });
      const { state, version } = await ops.load(fx.ACCOUNT_ID);
      expect(state.balance).toEqual({ available: 2_000, held: 8_000, pendingIn: 0 });
      expect(Object.keys(state.refunds)).toEqual(['r1']);
      expect(version).toBe(fx.funded().length + 1);
    });

    it('returns the current version and appends nothing for a command without effect', async () => {
      await fund(1_000);
      const result = await ops.execute(fx.command('ExportAccountData', {}));
      expect(result.events).toEqual([]);
      expect(result.version).toBe(fx.funded().length);
    });
  });
}
