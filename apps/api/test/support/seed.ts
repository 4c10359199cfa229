import type { Command, CommandPayloads, CommandType } from '@account-ops/accounts';
import type { CommandResult } from '@account-ops/engine';
import { accountFixtures } from '@account-ops/testing';
import { ACTORS, type ActorName } from './actors';
import type { TestApi } from './test-api';

/** Test cards (public test numbers). Neither may ever reach a response, a log or the store. */
export const VISA = '4111111111111111';
export const MASTERCARD = '5555555555554444';

/**
 * Brings accounts into a state straight through the engine: what a route under test
 * needs before it is called, without making every test depend on other routes. A card
 * change is sent as one whose second factor the host verified.
 */
export function seeder(t: TestApi) {
  function run<T extends CommandType>(
    type: T,
    accountId: string,
    by: ActorName,
    payload: CommandPayloads[T],
  ): Promise<CommandResult> {
    const command = { type, accountId, actor: ACTORS[by], ...payload } as unknown as Command;
    // A card change set up here stands for one made with a verified second factor (SPEC §3).
    return t.ops.execute(command, accountFixtures.setUpOptions(command));
  }
  const seed = {
    run,
    open: (id: string) =>
      run('OpenAccount', id, 'operator', {
        ownerName: 'Ada Lovelace',
        ownerEmail: 'ada@example.com',
        currency: 'EUR',
        plan: { pricePerCycle: 3_000, cycleDays: 30, cycleStart: '2026-03-01' },
      }),
    initiate: (id: string, topUpId: string, amount: number) =>
      run('InitiateTopUp', id, 'system', {
        topUpId,
        amount,
        method: 'bank_transfer',
        paymentReference: `ref-${topUpId}`,
      }),
    fund: async (id: string, amount: number, topUpId = `seed-${amount}`) => {
      await seed.initiate(id, topUpId, amount);
      return run('SettleTopUp', id, 'system', { topUpId });
    },
    card: (id: string) =>
      run('ChangeBankCard', id, 'admin', {
        cardNumber: MASTERCARD,
        holderName: 'ADA LOVELACE',
        bankName: 'Example Bank',
      }),
    /** Open, with a card on file and `balance` available. */
    ready: async (id: string, balance = 100_000) => {
      await seed.open(id);
      await seed.card(id);
      return seed.fund(id, balance);
    },
    refund: (id: string, refundId: string, amount: number, by: ActorName = 'operator') =>
      run('RequestRefund', id, by, { refundId, amount, reason: 'duplicate_charge' }),
    approve: (id: string, refundId: string, by: ActorName = 'approver') =>
      run('ApproveRefund', id, by, { refundId }),
    payoutFailed: (id: string, refundId: string) =>
      run('MarkRefundPayoutFailed', id, 'system', { refundId, reason: 'bank rejected' }),
    freeze: (id: string) => run('Freeze', id, 'admin', { reason: 'manual', note: 'seeded' }),
    failedLogins: async (id: string, count: number) => {
      for (let i = 0; i < count; i++) await run('RecordFailedLogin', id, 'system', {});
    },
    requestCancellation: (id: string) =>
      run('RequestCancellation', id, 'admin', { reason: 'moving abroad' }),
    confirmCancellation: (id: string) => run('ConfirmCancellation', id, 'admin', {}),
  };
  return seed;
}

export type Seeder = ReturnType<typeof seeder>;
