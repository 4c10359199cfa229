import { DuplicatePaymentReference } from '../errors/state-errors';
import { TopUpAlreadyExists } from '../errors/request-errors';
import type { TopUpCommandPayloads } from '../commands/top-up-commands';
import { checkTopUpLimits } from '../policies/limits.policy';
import { bucketGet } from '../shared/bucket-map';
import { knowsTopUp } from '../state/evolve-top-up';
import { emit, type Handlers } from './decision';
import { setTopUpLimits } from './top-up-limits';
import {
  requireNotFrozen,
  requireOpened,
  requirePendingTopUp,
  requireStatusAdmits,
} from './require';

/** SPEC §2. Settling and failing work while frozen: the money is already on its way. */
export const topUpHandlers: Handlers<keyof TopUpCommandPayloads> = {
  InitiateTopUp(state, command, decision) {
    const account = requireOpened(state, command);
    requireStatusAdmits(account, 'accepts_new_business', command);
    requireNotFrozen(account);
    if (knowsTopUp(account, command.topUpId)) throw new TopUpAlreadyExists(command.topUpId);
    const sameReference = bucketGet(account.topUpLedger.references, command.paymentReference);
    if (sameReference !== undefined) {
      throw new DuplicatePaymentReference(command.paymentReference, sameReference);
    }
    checkTopUpLimits(account, command.amount, decision.now, decision.config);
    return [
      emit(
        'TopUpInitiated',
        {
          topUpId: command.topUpId,
          amount: command.amount,
          currency: account.currency,
          method: command.method,
          paymentReference: command.paymentReference,
          stepUpVerified: decision.stepUpVerified,
        },
        decision,
      ),
    ];
  },

  SettleTopUp(state, command, decision) {
    const account = requireOpened(state, command);
    const topUp = requirePendingTopUp(account, command.topUpId, command);
    const { topUpId, amount } = topUp;
    return [emit('TopUpSettled', { topUpId, amount, currency: account.currency }, decision)];
  },

  SetTopUpLimits: setTopUpLimits,

  FailTopUp(state, command, decision) {
    const account = requireOpened(state, command);
    const { topUpId, amount } = requirePendingTopUp(account, command.topUpId, command);
    const data = { topUpId, amount, currency: account.currency, reason: command.reason };
    return [emit('TopUpFailed', data, decision)];
  },
};
