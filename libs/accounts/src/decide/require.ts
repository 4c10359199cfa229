import type { CommandType } from '../commands/command';
import { AccountNotFound, RefundNotFound, TopUpNotFound } from '../errors/request-errors';
import { AccountFrozen, InvalidTransition } from '../errors/state-errors';
import {
  lifecycleStepper,
  statusAdmits,
  type LifecycleMachineEvent,
  type LifecycleTag,
} from '../machines/lifecycle.machine';
import { refundStepper, type RefundMachineEvent } from '../machines/refund.machine';
import type { Currency } from '../money/currency';
import { bucketGet } from '../shared/bucket-map';
import { ownEntry } from '../shared/own-entry';
import type { AccountState, RefundState, TopUpState } from '../state/account-state';
import { activeFreezeReasons } from '../state/queries';

/** What the checks need of a command: which one it is and which account it targets. */
export type CommandRef = { readonly type: CommandType; readonly accountId: string };

/** An account that has been opened: its id and currency are known. */
export type OpenedAccount = AccountState & { accountId: string; currency: Currency };

export function requireOpened(state: AccountState, command: CommandRef): OpenedAccount {
  if (state.status === 'unopened' || state.accountId !== command.accountId || !state.currency) {
    throw new AccountNotFound(command.accountId);
  }
  return state as OpenedAccount;
}

/** Asks the lifecycle machine whether the account may take `event` now. */
export function requireLifecycle(
  state: OpenedAccount,
  event: LifecycleMachineEvent,
  command: CommandRef,
): void {
  if (!lifecycleStepper.can(state.machines.lifecycle, event)) {
    throw new InvalidTransition('lifecycle', state.accountId, state.status, command.type);
  }
}

/** Asks the lifecycle machine whether the current status admits a kind of operation. */
export function requireStatusAdmits(
  state: OpenedAccount,
  tag: LifecycleTag,
  command: CommandRef,
): void {
  if (!statusAdmits(state.status, tag)) {
    throw new InvalidTransition('lifecycle', state.accountId, state.status, command.type);
  }
}

export function requireNotFrozen(state: AccountState): void {
  if (state.frozen) throw new AccountFrozen(activeFreezeReasons(state));
}

export function requireRefund(state: AccountState, refundId: string): RefundState {
  const refund = ownEntry(state.refunds, refundId);
  if (!refund) throw new RefundNotFound(refundId);
  return refund;
}

/** Asks the refund's machine whether it may take `event` now. */
export function requireRefundStep(
  refund: RefundState,
  event: RefundMachineEvent,
  command: CommandRef,
): void {
  if (!refundStepper.can(refund.machine, event)) {
    throw new InvalidTransition('refund', refund.refundId, refund.status, command.type);
  }
}

/** A pending top-up; a settled or failed one refuses a second outcome (409, never a double credit). */
export function requirePendingTopUp(
  state: AccountState,
  topUpId: string,
  command: CommandRef,
): TopUpState {
  const topUp = ownEntry(state.topUps, topUpId);
  if (!topUp) {
    // Completed long ago: it left the full records, its outcome did not.
    const ended = bucketGet(state.topUpLedger.closed, topUpId);
    if (ended) throw new InvalidTransition('top_up', topUpId, ended, command.type);
    throw new TopUpNotFound(topUpId);
  }
  if (topUp.status !== 'pending')
    throw new InvalidTransition('top_up', topUpId, topUp.status, command.type);
  return topUp;
}
