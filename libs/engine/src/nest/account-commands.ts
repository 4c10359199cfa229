import type { CommandOf, CommandType } from '@account-ops/accounts';
import type { ExecuteOptions } from '../commands/command-executor';

/**
 * A domain command as a @nestjs/cqrs command: `commandBus.execute(new RequestRefundCommand(
 * { type: 'RequestRefund', accountId, actor, refundId, amount, reason }, { idempotencyKey }))`
 * resolves to the CommandResult.
 */
export abstract class AccountCommand<T extends CommandType = CommandType> {
  constructor(
    readonly command: CommandOf<T>,
    readonly options: ExecuteOptions = {},
  ) {}
}

export class OpenAccountCommand extends AccountCommand<'OpenAccount'> {}
export class ChangeBankCardCommand extends AccountCommand<'ChangeBankCard'> {}
export class ExportAccountDataCommand extends AccountCommand<'ExportAccountData'> {}
export class InitiateTopUpCommand extends AccountCommand<'InitiateTopUp'> {}
export class SettleTopUpCommand extends AccountCommand<'SettleTopUp'> {}
export class FailTopUpCommand extends AccountCommand<'FailTopUp'> {}
export class RequestRefundCommand extends AccountCommand<'RequestRefund'> {}
export class ApproveRefundCommand extends AccountCommand<'ApproveRefund'> {}
export class RejectRefundCommand extends AccountCommand<'RejectRefund'> {}
export class CancelRefundCommand extends AccountCommand<'CancelRefund'> {}
export class ExpireRefundCommand extends AccountCommand<'ExpireRefund'> {}
export class StartRefundPayoutCommand extends AccountCommand<'StartRefundPayout'> {}
export class MarkRefundPaidOutCommand extends AccountCommand<'MarkRefundPaidOut'> {}
export class MarkRefundPayoutFailedCommand extends AccountCommand<'MarkRefundPayoutFailed'> {}
export class RetryRefundPayoutCommand extends AccountCommand<'RetryRefundPayout'> {}
export class RecordFailedLoginCommand extends AccountCommand<'RecordFailedLogin'> {}
export class ResetPasswordCommand extends AccountCommand<'ResetPassword'> {}
export class MarkPaymentOverdueCommand extends AccountCommand<'MarkPaymentOverdue'> {}
export class SettleOverdueCommand extends AccountCommand<'SettleOverdue'> {}
export class FreezeCommand extends AccountCommand<'Freeze'> {}
export class UnfreezeCommand extends AccountCommand<'Unfreeze'> {}
export class StartMaintenanceCommand extends AccountCommand<'StartMaintenance'> {}
export class EndMaintenanceCommand extends AccountCommand<'EndMaintenance'> {}
export class RequestCancellationCommand extends AccountCommand<'RequestCancellation'> {}
export class WithdrawCancellationCommand extends AccountCommand<'WithdrawCancellation'> {}
export class ConfirmCancellationCommand extends AccountCommand<'ConfirmCancellation'> {}
export class ReactivateAccountCommand extends AccountCommand<'ReactivateAccount'> {}
export class CloseAccountCommand extends AccountCommand<'CloseAccount'> {}

type CommandClass = new (command: never, options?: ExecuteOptions) => AccountCommand;

/** One CQRS command class per domain command type. */
export const COMMAND_CLASSES: { readonly [T in CommandType]: CommandClass } = {
  OpenAccount: OpenAccountCommand,
  ChangeBankCard: ChangeBankCardCommand,
  ExportAccountData: ExportAccountDataCommand,
  InitiateTopUp: InitiateTopUpCommand,
  SettleTopUp: SettleTopUpCommand,
  FailTopUp: FailTopUpCommand,
  RequestRefund: RequestRefundCommand,
  ApproveRefund: ApproveRefundCommand,
  RejectRefund: RejectRefundCommand,
  CancelRefund: CancelRefundCommand,
  ExpireRefund: ExpireRefundCommand,
  StartRefundPayout: StartRefundPayoutCommand,
  MarkRefundPaidOut: MarkRefundPaidOutCommand,
  MarkRefundPayoutFailed: MarkRefundPayoutFailedCommand,
  RetryRefundPayout: RetryRefundPayoutCommand,
  RecordFailedLogin: RecordFailedLoginCommand,
  ResetPassword: ResetPasswordCommand,
  MarkPaymentOverdue: MarkPaymentOverdueCommand,
  SettleOverdue: SettleOverdueCommand,
  Freeze: FreezeCommand,
  Unfreeze: UnfreezeCommand,
  StartMaintenance: StartMaintenanceCommand,
  EndMaintenance: EndMaintenanceCommand,
  RequestCancellation: RequestCancellationCommand,
  WithdrawCancellation: WithdrawCancellationCommand,
  ConfirmCancellation: ConfirmCancellationCommand,
  ReactivateAccount: ReactivateAccountCommand,
  CloseAccount: CloseAccountCommand,
};

/** Wraps a domain command in its CQRS class (for callers holding a `Command` union). */
export function toCqrsCommand<T extends CommandType>(
  command: CommandOf<T>,
  options?: ExecuteOptions,
): AccountCommand<T> {
  const Class = COMMAND_CLASSES[command.type] as unknown as new (
    c: CommandOf<T>,
    o?: ExecuteOptions,
  ) => AccountCommand<T>;
  return new Class(command, options);
}
