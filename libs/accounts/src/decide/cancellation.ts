import type { CancellationCommandPayloads } from '../commands/cancellation-commands';
import { LimitExceeded } from '../errors/rule-errors';
import { CancellationBlocked, DeadlineNotReached, PayoutHeld } from '../errors/state-errors';
import { cardPayoutHoldUntil } from '../policies/payout-hold.policy';
import type { DomainEvent } from '../events/domain-event';
import { lifecycleStepper } from '../machines/lifecycle.machine';
import { cancellationBlockers } from '../policies/cancellation.policy';
import { prorate } from '../policies/proration.policy';
import { addDays } from '../time/instant';
import { emit, type Decision, type Handlers } from './decision';
import { payoutCard } from './refund-payout';
import { requireLifecycle, requireNotFrozen, requireOpened, type OpenedAccount } from './require';

function requireNoBlockers(account: OpenedAccount): void {
  const blockers = cancellationBlockers(account);
  if (blockers.length > 0) throw new CancellationBlocked(blockers);
}

/**
 * The final statement (prorated credit plus what is left), the payout of all of it to the
 * card, then `cancelled` with the retention deadline.
 */
function finalSettlement(
  account: OpenedAccount,
  note: string | null,
  decision: Decision,
): DomainEvent[] {
  const { available } = account.balance;
  const proration = prorate(account.plan, decision.now);
  const amountDue = available + proration.proratedCredit;
  if (!Number.isSafeInteger(amountDue)) {
    throw new LimitExceeded('balance_max', Number.MAX_SAFE_INTEGER, 0, proration.proratedCredit);
  }
  const currency = account.currency;
  const statement = {
    currency,
    availableBefore: available,
    ...proration,
    cycleDays: account.plan?.cycleDays ?? null,
    pricePerCycle: account.plan?.pricePerCycle ?? null,
    amountDue,
  };
  const payout =
    amountDue > 0 ? [{ amount: amountDue, currency, ...payoutCard(account, 'final_payout') }] : [];
  // SPEC §3: no final payout to a recently changed card. Refused rather than deferred:
  // confirming is an admin's act and can be repeated once the hold ends.
  const holdUntil = cardPayoutHoldUntil(account, decision.config, decision.now);
  if (payout.length > 0 && holdUntil !== null) throw new PayoutHeld(holdUntil);
  const retentionUntil = addDays(decision.now, decision.config.retentionDays);
  return [
    emit('FinalStatementIssued', statement, decision),
    ...payout.map((data) => emit('FinalPayoutIssued', data, decision)),
    emit('CancellationConfirmed', { retentionUntil, note }, decision),
  ];
}

/** SPEC §6. Each command first asks the lifecycle machine whether it is legal now. */
export const cancellationHandlers: Handlers<keyof CancellationCommandPayloads> = {
  RequestCancellation(state, command, decision) {
    const account = requireOpened(state, command);
    requireLifecycle(account, { type: 'REQUEST_CANCELLATION' }, command);
    requireNoBlockers(account);
    return [emit('CancellationRequested', { reason: command.reason }, decision)];
  },

  WithdrawCancellation(state, command, decision) {
    const account = requireOpened(state, command);
    requireLifecycle(account, { type: 'WITHDRAW_CANCELLATION' }, command);
    return [emit('CancellationWithdrawn', { note: command.note ?? null }, decision)];
  },

  // Blockers are checked again: the account may have been frozen since the request.
  ConfirmCancellation(state, command, decision) {
    const account = requireOpened(state, command);
    requireLifecycle(account, { type: 'CONFIRM_CANCELLATION' }, command);
    requireNoBlockers(account);
    return finalSettlement(account, command.note ?? null, decision);
  },

  ReactivateAccount(state, command, decision) {
    const account = requireOpened(state, command);
    requireLifecycle(account, { type: 'REACTIVATE' }, command);
    requireNotFrozen(account);
    return [emit('AccountReactivated', { note: command.note ?? null }, decision)];
  },

  // The retention deadline is stale once the account was reactivated (or closed): no-op.
  CloseAccount(state, command, decision) {
    const account = requireOpened(state, command);
    if (!lifecycleStepper.can(account.machines.lifecycle, { type: 'CLOSE' })) return [];
    const retentionUntil = account.retentionUntil ?? decision.now;
    if (decision.now < retentionUntil)
      throw new DeadlineNotReached('retention_expiry', retentionUntil);
    return [emit('AccountClosed', { retentionUntil, personalDataErased: true }, decision)];
  },
};
