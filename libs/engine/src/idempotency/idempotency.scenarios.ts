import { accountFixtures as fx, FakeClock } from '@account-ops/testing';
import type { StoreHandle } from '../commands/command-executor.scenarios';
import { createAccountOps, type AccountOps } from '../create-account-ops';

const SECRET = 'test-card-fingerprint-secret';

/** A story touching most command types, each sent by its usual actor. */
function story() {
  return [
    ...fx.funded(200_000),
    fx.refund('r1', 10_000),
    fx.approve('r1'),
    fx.command('MarkRefundPaidOut', { refundId: 'r1', payoutReference: 'po-1' }),
    fx.topUp('t2', 5_000),
    fx.command('FailTopUp', { topUpId: 't2', reason: 'gateway declined' }),
    fx.command('Freeze', { reason: 'manual', note: 'customer call' }),
    fx.command('Unfreeze', { reason: 'manual', note: 'verified' }),
    fx.command('ExportAccountData', {}),
  ];
}

export function idempotencyScenarios(name: string, openStore: () => Promise<StoreHandle>): void {
  describe(`idempotency on ${name}`, () => {
    let handle: StoreHandle;
    let clock: FakeClock;
    const engine = (): AccountOps =>
      createAccountOps({ store: handle.store, clock, cardFingerprintSecret: SECRET });
    beforeEach(async () => {
      handle = await openStore();
      clock = new FakeClock(fx.NOW);
    });
    afterEach(() => handle.dispose());

    it('returns the original result of every command type and writes nothing, even from a new engine', async () => {
      const first = engine();
      const originals = [];
      for (const [i, command] of story().entries()) {
        originals.push(
          await first.execute(command, { ...fx.setUpOptions(command), idempotencyKey: `key-${i}` }),
        );
        clock.advanceMinutes(1);
      }
      const head = await handle.store.headPosition();
      const restarted = engine();
      for (const [i, command] of story().entries()) {
        const again = await restarted.execute(command, {
          ...fx.setUpOptions(command),
          idempotencyKey: `key-${i}`,
        });
        expect(again.replayed).toBe(true);
        expect(again.version).toBe(originals[i]!.version);
        expect(again.events).toEqual(originals[i]!.events);
        expect(again.state).toEqual(originals[i]!.state);
      }
      expect(await handle.store.headPosition()).toEqual(head);
    });

    it('refuses the same key with another payload and writes nothing', async () => {
      const ops = engine();
      await ops.execute(fx.open());
      await ops.execute(fx.card(), fx.HOST_VERIFIED);
      await ops.execute(fx.topUp('t1', 1_000), { idempotencyKey: 'pay-1' });
      const head = await handle.store.headPosition();
      await expect(
        ops.execute(fx.topUp('t1', 2_000), { idempotencyKey: 'pay-1' }),
      ).rejects.toMatchObject({
        code: 'IDEMPOTENCY_KEY_REUSED',
      });
      expect(await handle.store.headPosition()).toEqual(head);
    });

    it('replays a key another engine used, also when this engine caches an older state', async () => {
      const first = engine();
      const second = engine();
      for (const command of fx.funded(50_000))
        await first.execute(command, fx.setUpOptions(command));
      await second.load(fx.ACCOUNT_ID);
      const original = await first.execute(fx.refund('r1', 1_000), { idempotencyKey: 'k' });
      const head = await handle.store.headPosition();
      const again = await second.execute(fx.refund('r1', 1_000), { idempotencyKey: 'k' });
      expect(again).toMatchObject({ replayed: true, version: original.version });
      expect(again.events).toEqual(original.events);
      expect(again.state).toEqual(original.state);
      await expect(
        second.execute(fx.refund('r2', 1_000), { idempotencyKey: 'k' }),
      ).rejects.toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
      expect(await handle.store.headPosition()).toEqual(head);
    });

    it('replays a command that would succeed again, and refuses its key for another one', async () => {
      const ops = engine();
      await ops.execute(fx.open());
      const login = fx.command('RecordFailedLogin', {});
      const original = await ops.execute(login, { idempotencyKey: 'login-1' });
      const head = await handle.store.headPosition();
      const again = await ops.execute(login, { idempotencyKey: 'login-1' });
      expect(again).toMatchObject({ replayed: true, version: original.version });
      expect(again.events).toEqual(original.events);
      await expect(
        ops.execute(fx.topUp('t9', 100), { idempotencyKey: 'login-1' }),
      ).rejects.toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
      expect(await handle.store.headPosition()).toEqual(head);
      expect((await ops.load(fx.ACCOUNT_ID)).state.failedLogins).toHaveLength(1);
    });

    it('scopes keys by actor: another caller’s key neither replays nor blocks', async () => {
      const ops = engine();
      await ops.execute(fx.open(), { idempotencyKey: 'shared' });
      const other = await ops.execute(fx.card(), { ...fx.HOST_VERIFIED, idempotencyKey: 'shared' });
      expect(other.replayed).toBe(false);
      expect(other.events.map((e) => e.type)).toEqual(['BankCardChanged']);
    });

    it('executes concurrent duplicates once', async () => {
      const ops = engine();
      for (const command of fx.funded(50_000)) await ops.execute(command, fx.setUpOptions(command));
      const results = await Promise.all(
        Array.from({ length: 10 }, () =>
          ops.execute(fx.refund('r1', 1_000), { idempotencyKey: 'dup' }),
        ),
      );
      expect(new Set(results.map((r) => r.version)).size).toBe(1);
      expect(results.filter((r) => !r.replayed)).toHaveLength(1);
      expect((await ops.load(fx.ACCOUNT_ID)).state.balance).toEqual({
        available: 49_000,
        held: 1_000,
        pendingIn: 0,
      });
    });

    it('does not record a refusal: the same key works once the rule is met', async () => {
      const ops = engine();
      for (const command of fx.funded(1_000)) await ops.execute(command, fx.setUpOptions(command));
      await expect(
        ops.execute(fx.refund('r1', 5_000), { idempotencyKey: 'later' }),
      ).rejects.toMatchObject({
        code: 'INSUFFICIENT_FUNDS',
      });
      await ops.execute(fx.topUp('t2', 10_000));
      await ops.execute(fx.settle('t2'));
      const result = await ops.execute(fx.refund('r1', 5_000), { idempotencyKey: 'later' });
      expect(result.replayed).toBe(false);
    });

    it('refuses a malformed command with a validation error, not a crash', async () => {
      const broken = { type: 'OpenAccount', accountId: fx.ACCOUNT_ID } as unknown as Parameters<
        AccountOps['execute']
      >[0];
      await expect(engine().execute(broken, { idempotencyKey: 'k' })).rejects.toMatchObject({
        code: 'VALIDATION_FAILED',
      });
      await expect(engine().execute(broken)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
      await expect(engine().execute(null as unknown as typeof broken)).rejects.toMatchObject({
        code: 'VALIDATION_FAILED',
      });
      expect(await handle.store.readAll()).toEqual([]);
    });

    it.each(['', ' spaced key', 'x'.repeat(129), 'tab\there'])(
      'refuses the malformed key %j',
      async (key) => {
        await expect(engine().execute(fx.open(), { idempotencyKey: key })).rejects.toMatchObject({
          code: 'VALIDATION_FAILED',
        });
        expect(await handle.store.readAll()).toEqual([]);
      },
    );
  });
}
