import { MemoryEventStore } from '@account-ops/event-store';
import { accountFixtures as fx, AppendGate, FakeClock } from '@account-ops/testing';
import { generate } from 'otplib';
import { createAccountOps } from '../create-account-ops';
import { accountStreamId } from '../repository/account-stream';
import { TotpStepUpVerifier } from '../security/totp-step-up-verifier';
import { CommandsOverloaded } from './command-admission';

const SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const on = <C extends { accountId: string }>(accountId: string, command: C): C => ({
  ...command,
  accountId,
});

/**
 * Two commands (of two actors) held at the store's gate fill a bound of 2; what comes next
 * is shed. The gate (not a sleep) keeps them in flight, so every case is deterministic.
 */
function engineAtItsBound() {
  const clock = new FakeClock(fx.NOW);
  const store = new MemoryEventStore();
  const gate = new AppendGate();
  const ops = createAccountOps({
    store: gate.wrap(store),
    clock,
    cardFingerprintSecret: 'test-card-fingerprint-secret',
    stepUpVerifier: new TotpStepUpVerifier({
      secrets: new Map([[fx.OPERATOR.id, SECRET]]),
      usedSteps: store,
    }),
    maxQueuedCommands: 2,
  });
  async function fill(): Promise<Promise<unknown>[]> {
    gate.close();
    // Two actors: one alone may hold only half of the bound.
    const held = [
      ops.execute(on('busy-1', fx.open())),
      ops.execute(on('busy-2', fx.open({}, fx.ADMIN))),
    ];
    await gate.whenWaiting(2);
    return held;
  }
  return { clock, store, gate, ops, fill };
}

describe('load shedding in the engine', () => {
  it('refuses a command beyond the bound before anything is written, and runs its retry once', async () => {
    const { store, gate, ops, fill } = engineAtItsBound();
    const held = await fill();
    const shed = ops.execute(fx.open(), { idempotencyKey: 'open-1' });
    await expect(shed).rejects.toBeInstanceOf(CommandsOverloaded);
    expect(ops.commandLoad()).toEqual({ inFlight: 2, limit: 2, shedding: true, shedTotal: 1 });
    gate.open();
    await Promise.all(held);
    expect(await store.listRecords('idempotency', {})).toEqual([]);
    expect(ops.commandLoad()).toMatchObject({ inFlight: 0, shedding: false });

    const first = await ops.execute(fx.open(), { idempotencyKey: 'open-1' });
    const again = await ops.execute(fx.open(), { idempotencyKey: 'open-1' });
    expect([first.replayed, again.replayed]).toEqual([false, true]);
    const stream = await store.readStream(accountStreamId(fx.ACCOUNT_ID));
    expect(stream.map((e) => e.type)).toEqual(['AccountOpened']);
  });

  it('does not use up the second factor of a shed command', async () => {
    const { clock, gate, ops, fill } = engineAtItsBound();
    await ops.execute(fx.open());
    const code = await generate({
      secret: SECRET,
      epoch: Math.floor(clock.now().getTime() / 1000),
    });
    const change = fx.card(fx.VISA, fx.OPERATOR);
    const held = await fill();
    await expect(ops.execute(change, { stepUpCode: code })).rejects.toBeInstanceOf(
      CommandsOverloaded,
    );
    gate.open();
    await Promise.all(held);
    const changed = await ops.execute(change, { stepUpCode: code });
    expect(changed.state.bankCard).toMatchObject({ last4: '1111' });
  });

  it('never sheds fired deadlines or read-only commands, but counts them', async () => {
    const { clock, gate, ops, fill } = engineAtItsBound();
    await ops.execute(fx.open());
    await ops.execute(fx.card(), fx.HOST_VERIFIED);
    await ops.execute(fx.topUp('tu-1', 10_000));
    await ops.execute(fx.settle('tu-1'));
    await ops.execute(fx.refund('rf-1', 1_000));
    clock.advanceHours(73); // past the 72 h approval SLA
    const held = await fill();
    const exported = await ops.execute(fx.command('ExportAccountData', {}), { sheddable: false });
    expect(exported.events).toEqual([]);
    const firing = ops.deadlines.runDue();
    await gate.whenWaiting(3); // the expiry's append joined the two held commands
    expect(ops.commandLoad()).toMatchObject({ inFlight: 3, shedding: true, shedTotal: 0 });
    gate.open();
    await Promise.all(held);
    expect(await firing).toMatchObject({ fired: 1, failed: [] });
  });

  it('sheds one actor’s commands past half the bound while another’s still run', async () => {
    const gate = new AppendGate();
    const ops = createAccountOps({
      store: gate.wrap(new MemoryEventStore()),
      cardFingerprintSecret: 'test-card-fingerprint-secret',
      maxQueuedCommands: 4,
    });
    gate.close();
    const flood = [1, 2].map((i) => ops.execute(on(`fl-${i}`, fx.open())));
    await gate.whenWaiting(2);
    await expect(ops.execute(on('fl-3', fx.open()))).rejects.toBeInstanceOf(CommandsOverloaded);
    const other = ops.execute(on('other', fx.open({}, fx.ADMIN)));
    await gate.whenWaiting(3);
    expect(ops.commandLoad()).toMatchObject({ inFlight: 3, shedding: false, shedTotal: 1 });
    gate.open();
    await Promise.all([...flood, other]);
  });

  it('keeps no bound unless one is configured', async () => {
    const gate = new AppendGate();
    const ops = createAccountOps({
      store: gate.wrap(new MemoryEventStore()),
      cardFingerprintSecret: 'test-card-fingerprint-secret',
    });
    gate.close();
    const held = Array.from({ length: 20 }, (_, i) => ops.execute(on(`acc-${i}`, fx.open())));
    await gate.whenWaiting(20);
    expect(ops.commandLoad()).toMatchObject({ inFlight: 20, limit: null, shedding: false });
    gate.open();
    await Promise.all(held);
  });
});
