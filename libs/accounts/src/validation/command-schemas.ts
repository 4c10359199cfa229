import type { CommandPayloads, CommandType } from '../commands/command';
import { MANUAL_FREEZE_REASONS, FREEZE_REASONS } from '../commands/freeze-commands';
import { REFUND_REASONS } from '../commands/refund-commands';
import { TOP_UP_METHODS } from '../commands/top-up-commands';

/** How one payload field is checked and normalised. */
export type FieldSpec = (
  | { kind: 'id' | 'amount' | 'email' | 'currency' | 'pan' | 'plan' }
  | { kind: 'text'; max: number }
  | { kind: 'enum'; values: readonly string[] }
) & { optional?: true };

type Schema<T extends CommandType> = { readonly [K in keyof CommandPayloads[T]]-?: FieldSpec };

const id: FieldSpec = { kind: 'id' };
const amount: FieldSpec = { kind: 'amount' };
const name: FieldSpec = { kind: 'text', max: 200 };
const reason: FieldSpec = { kind: 'text', max: 500 };
const optionalReason: FieldSpec = { ...reason, optional: true };
const note: FieldSpec = { kind: 'text', max: 1000 };
const optionalNote: FieldSpec = { ...note, optional: true };
const oneOf = (values: readonly string[]): FieldSpec => ({ kind: 'enum', values });
const noteOnly = { note: optionalNote };

/**
 * The payload fields of every command. The mapped type makes the compiler insist that
 * each command type has a schema naming exactly its payload fields.
 */
export const COMMAND_SCHEMAS: { readonly [T in CommandType]: Schema<T> } = {
  OpenAccount: {
    ownerName: name,
    ownerEmail: { kind: 'email' },
    currency: { kind: 'currency' },
    plan: { kind: 'plan', optional: true },
  },
  ChangeBankCard: { cardNumber: { kind: 'pan' }, holderName: name, bankName: name },
  ExportAccountData: {},
  InitiateTopUp: {
    topUpId: id,
    amount,
    method: oneOf(TOP_UP_METHODS),
    paymentReference: id,
  },
  SettleTopUp: { topUpId: id },
  FailTopUp: { topUpId: id, reason },
  SetTopUpLimits: {
    singleMax: { ...amount, optional: true },
    dailyMax: { ...amount, optional: true },
    reason,
  },
  RequestRefund: { refundId: id, amount, reason: oneOf(REFUND_REASONS), note: optionalNote },
  ApproveRefund: { refundId: id, note: optionalNote },
  RejectRefund: { refundId: id, reason },
  CancelRefund: { refundId: id, reason: optionalReason },
  ExpireRefund: { refundId: id },
  StartRefundPayout: { refundId: id },
  MarkRefundPaidOut: { refundId: id, payoutReference: { ...id, optional: true } },
  MarkRefundPayoutFailed: { refundId: id, reason },
  RetryRefundPayout: { refundId: id, note: optionalNote },
  RecordFailedLogin: {},
  ResetPassword: {},
  MarkPaymentOverdue: noteOnly,
  SettleOverdue: noteOnly,
  Freeze: { reason: oneOf(MANUAL_FREEZE_REASONS), note },
  Unfreeze: { reason: oneOf(FREEZE_REASONS), note },
  StartMaintenance: noteOnly,
  EndMaintenance: noteOnly,
  RequestCancellation: { reason },
  WithdrawCancellation: noteOnly,
  ConfirmCancellation: noteOnly,
  ReactivateAccount: noteOnly,
  CloseAccount: {},
};

export const COMMAND_TYPES = Object.keys(COMMAND_SCHEMAS) as CommandType[];

/**
 * A command's fields that hold personal data: every free text a person types (names,
 * notes, reasons) and e-mail addresses. Their events seal them (`PERSONAL_DATA_FIELDS`),
 * and whatever is kept of the command outside the events must not hold them in clear.
 */
export function personalCommandFields(type: CommandType): readonly string[] {
  return Object.entries(COMMAND_SCHEMAS[type])
    .filter(([, spec]) => spec.kind === 'text' || spec.kind === 'email')
    .map(([field]) => field);
}
