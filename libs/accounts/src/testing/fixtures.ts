import { createHmac } from 'node:crypto';
import type { Actor } from '../actors/roles';
import type { CommandOf, CommandPayloads, CommandType } from '../commands/command';
import { DEFAULT_ACCOUNT_CONFIG } from '../config/account-config';
import type { DecideContext } from '../decide/decision';

export const ACCOUNT_ID = 'acc-1';
/** A Monday morning, mid-month, so day and cycle arithmetic has room both ways. */
export const NOW = '2025-03-10T09:00:00.000Z';

const actor = (id: string, ...roles: Actor['roles']): Actor => ({ id, roles });

export const OPERATOR = actor('op-1', 'operator');
export const OPERATOR_2 = actor('op-2', 'operator');
export const APPROVER = actor('ap-1', 'approver');
export const APPROVER_2 = actor('ap-2', 'approver');
export const ADMIN = actor('admin-1', 'admin');
export const SYSTEM = actor('gateway', 'system');
export const COMPLIANCE = actor('co-1', 'compliance');
export const AUDITOR = actor('au-1', 'auditor');

/** Test PANs (public test numbers; Luhn-valid). */
export const VISA = '4111111111111111';
export const MASTERCARD = '5555555555554444';
export const AMEX = '378282246310005';

/** Stands in for the engine's HMAC-SHA256 with a server secret. */
export function fingerprint(pan: string): string {
  return `hmac:${createHmac('sha256', 'test-secret').update(pan).digest('hex').slice(0, 32)}`;
}

export function context(overrides: Partial<DecideContext> = {}): DecideContext {
  return {
    now: NOW,
    config: DEFAULT_ACCOUNT_CONFIG,
    stepUpVerified: false,
    fingerprintCard: fingerprint,
    ...overrides,
  };
}

/** The actor each command is sent by unless a test says otherwise. */
const DEFAULT_ACTORS: { readonly [T in CommandType]: Actor } = {
  OpenAccount: OPERATOR,
  ChangeBankCard: ADMIN,
  ExportAccountData: AUDITOR,
  InitiateTopUp: SYSTEM,
  SettleTopUp: SYSTEM,
  FailTopUp: SYSTEM,
  SetTopUpLimits: ADMIN,
  RequestRefund: OPERATOR,
  ApproveRefund: APPROVER,
  RejectRefund: APPROVER,
  CancelRefund: OPERATOR,
  ExpireRefund: SYSTEM,
  StartRefundPayout: SYSTEM,
  MarkRefundPaidOut: SYSTEM,
  MarkRefundPayoutFailed: SYSTEM,
  RetryRefundPayout: APPROVER,
  RecordFailedLogin: SYSTEM,
  ResetPassword: SYSTEM,
  MarkPaymentOverdue: SYSTEM,
  SettleOverdue: SYSTEM,
  Freeze: ADMIN,
  Unfreeze: ADMIN,
  StartMaintenance: SYSTEM,
  EndMaintenance: SYSTEM,
  RequestCancellation: ADMIN,
  WithdrawCancellation: ADMIN,
  ConfirmCancellation: ADMIN,
  ReactivateAccount: ADMIN,
  CloseAccount: SYSTEM,
};

/** A command for the test account, sent by the type's default actor unless `by` is given. */
export function command<T extends CommandType>(
  type: T,
  payload: CommandPayloads[T],
  by: Actor = DEFAULT_ACTORS[type],
): CommandOf<T> {
  return { type, accountId: ACCOUNT_ID, actor: by, ...payload } as CommandOf<T>;
}

/** Shortcuts for the commands most scenarios start from. */
export const open = (payload: Partial<CommandPayloads['OpenAccount']> = {}, by?: Actor) =>
  command(
    'OpenAccount',
    { ownerName: 'Li Wei', ownerEmail: 'li.wei@example.com', currency: 'CNY', ...payload },
    by,
  );
export const card = (cardNumber = VISA, by?: Actor) =>
  command('ChangeBankCard', { cardNumber, holderName: 'LI WEI', bankName: 'Example Bank' }, by);
export const topUp = (topUpId: string, amount: number, by?: Actor) =>
  command(
    'InitiateTopUp',
    { topUpId, amount, method: 'bank_transfer', paymentReference: `ref-${topUpId}` },
    by,
  );
export const settle = (topUpId: string) => command('SettleTopUp', { topUpId });
export const refund = (refundId: string, amount: number, by?: Actor) =>
  command('RequestRefund', { refundId, amount, reason: 'service_unsatisfactory' }, by);
export const approve = (refundId: string, by?: Actor) => command('ApproveRefund', { refundId }, by);

/** The execute options of a card change whose second factor the host verified. */
export const HOST_VERIFIED = { stepUpVerifiedByHost: true } as const;

/**
 * What a test sends beside `command` when it only sets up state: a card change carries a
 * second factor its host verified (SPEC §3 asks one of everyone, admin included), as an API
 * request with a fresh MFA token does. Shaped like the engine's execute options.
 */
export function setUpOptions(command: { readonly type: string }): {
  readonly stepUpVerifiedByHost?: true;
} {
  return command.type === 'ChangeBankCard' ? HOST_VERIFIED : {};
}

/** An open account with a card and `balance` settled into `available`. */
export function funded(balance = 100_000) {
  return [open(), card(), topUp('seed', balance), settle('seed')];
}
