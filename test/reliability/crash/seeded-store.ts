import type { Command } from '@account-ops/accounts';
import { createAccountOps } from '@account-ops/engine';
import { DEFAULT_PROJECTIONS, openReadModels } from '@account-ops/projections';
import { accountFixtures, FakeClock } from '@account-ops/testing';
import { REL_ACTORS, REL_CARD_SECRET, type RelActor } from '../harness/actors';
import { sqliteStore, type ThrowawayStore } from '../harness/throwaway-store';
import { CommandLedger } from './command-ledger';
import { CRASH_CONFIG, DOMAIN_START } from './crash-settings';
import { stepsFor } from './steps';

type Payload = Record<string, unknown>;

/**
 * A small store written the way the API writes it (engine, idempotency keys, inline read
 * models), and a ledger that says its commands were acknowledged: the input of the checks'
 * own tests, which break it in one place and expect the checks to notice.
 */
export async function seededStore(): Promise<{ store: ThrowawayStore; ledger: CommandLedger }> {
  const store = sqliteStore();
  const opened = await store.open();
  const models = openReadModels(opened, { projections: DEFAULT_PROJECTIONS });
  await models.start();
  const ops = createAccountOps({
    store: opened,
    cardFingerprintSecret: REL_CARD_SECRET,
    clock: new FakeClock(new Date(DOMAIN_START)),
    config: CRASH_CONFIG,
  });
  const ledger = new CommandLedger();
  const steps = stepsFor('acc-1', 'seed');
  const run = async (type: string, by: RelActor, key: string, payload: Payload = {}) => {
    const command = { type, accountId: 'acc-1', actor: REL_ACTORS[by], ...payload } as Command;
    // A card change here stands for one made with a verified second factor (SPEC §3).
    const result = await ops.execute(command, {
      ...accountFixtures.setUpOptions(command),
      idempotencyKey: key,
    });
    ledger.acknowledged.push({
      step: steps.open(), // only replays read it
      actorId: REL_ACTORS[by].id,
      key,
      accountId: 'acc-1',
      version: result.version,
      eventType: result.events[0]!.type as never,
      bodyHash: '',
      body: '',
      retriedAfterCrash: false,
      replayed: false,
    });
  };
  try {
    await run('OpenAccount', 'operator', 'k-open', {
      ownerName: 'Grace Hopper',
      ownerEmail: 'grace@example.com',
      currency: 'EUR',
    });
    await run('ChangeBankCard', 'admin', 'k-card', {
      cardNumber: '4111111111111111',
      holderName: 'GRACE HOPPER',
      bankName: 'Example Bank',
    });
    const topUp = { topUpId: 'tu-1', amount: 50_000 };
    await run('InitiateTopUp', 'system', 'k-init', {
      ...topUp,
      method: 'card',
      paymentReference: 'ref-1',
    });
    await run('SettleTopUp', 'system', 'k-settle', { topUpId: 'tu-1' });
    // Leaves an approval SLA pending, so the deadline table has a row to lose.
    await run('RequestRefund', 'operator', 'k-refund', {
      refundId: 'rf-1',
      amount: 10_000,
      reason: 'duplicate_charge',
    });
  } finally {
    await models.stop();
    await opened.close();
  }
  return { store, ledger };
}
