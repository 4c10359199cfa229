import type { AccountState, Balance } from '@account-ops/accounts';
import type { CommandResult } from '@account-ops/engine';
import { accountView, type AccountView } from './account.view';
import { refundView, topUpView, type RefundView, type TopUpView } from './entity.views';

/** What a top-up or refund write answers: the entity, and the account's version and balance after it. */
export interface AccountEffect {
  readonly accountId: string;
  readonly accountVersion: number;
  readonly balance: Balance;
}

export type TopUpResult = TopUpView & AccountEffect;
export type RefundResult = RefundView & AccountEffect;

// Every write response is a function of (state, version) at the command's resulting
// version only. A replay loads exactly that, so it renders the same bytes.
const effect = (result: CommandResult): AccountEffect => ({
  accountId: result.accountId,
  accountVersion: result.version,
  balance: { ...result.state.balance },
});

function entity<T>(record: Record<string, T>, id: string): T {
  const found = Object.hasOwn(record, id) ? record[id] : undefined;
  // The command succeeded on this entity, so the state after it must hold it.
  if (found === undefined) throw new Error(`entity ${id} missing from the command's result`);
  return found;
}

export function accountResult(result: CommandResult): AccountView {
  return accountView(result.accountId, result.state, result.version);
}

/** An integration signal's answer: `changed: false` when it was accepted with nothing written. */
export type SignalResult = AccountView & { readonly changed: boolean };

export function signalResult(result: CommandResult): SignalResult {
  return { ...accountResult(result), changed: result.events.length > 0 };
}

export function topUpResult(result: CommandResult, topUpId: string): TopUpResult {
  return {
    ...topUpView(entity((result.state as AccountState).topUps, topUpId)),
    ...effect(result),
  };
}

export function refundResult(result: CommandResult, refundId: string): RefundResult {
  return { ...refundView(entity(result.state.refunds, refundId)), ...effect(result) };
}
