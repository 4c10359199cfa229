import { hasAnyRole, type Actor, type Role } from '../actors/roles';
import type { Command, CommandType } from '../commands/command';
import type { FreezeReason } from '../commands/freeze-commands';
import { Forbidden } from '../errors/request-errors';
import type { RefundState } from '../state/account-state';

/**
 * Who may send each command: SPEC where it says so, otherwise the choices recorded in
 * docs/domain.md ("Decisions"). An actor needs at least one listed role. `auditor` is
 * read-only and appears only on the export. Integration signals name the one integration
 * role that owns them (the deprecated `system` holds all four: see effectiveRoles); the
 * durable timers fire as the `scheduler`.
 */
export const COMMAND_ROLES: { readonly [T in CommandType]: readonly Role[] } = {
  OpenAccount: ['operator', 'admin'],
  InitiateTopUp: ['operator', 'payment_gateway', 'admin'],
  SettleTopUp: ['payment_gateway'],
  FailTopUp: ['payment_gateway'],
  ChangeBankCard: ['operator', 'admin'],
  RequestRefund: ['operator', 'admin'],
  ApproveRefund: ['approver'],
  RejectRefund: ['approver'],
  // Narrowed per refund by refundCancellationRoles below.
  CancelRefund: ['operator', 'approver', 'admin'],
  ExpireRefund: ['scheduler'],
  StartRefundPayout: ['scheduler'],
  MarkRefundPaidOut: ['payment_gateway'],
  MarkRefundPayoutFailed: ['payment_gateway'],
  RetryRefundPayout: ['approver', 'admin', 'payment_gateway'],
  RecordFailedLogin: ['identity_provider'],
  ResetPassword: ['identity_provider'],
  MarkPaymentOverdue: ['billing'],
  SettleOverdue: ['billing'],
  // The `compliance` reason needs the compliance role instead; see freezeRoles.
  Freeze: ['admin'],
  Unfreeze: ['admin'],
  StartMaintenance: ['scheduler', 'admin'],
  EndMaintenance: ['scheduler', 'admin'],
  RequestCancellation: ['admin'],
  WithdrawCancellation: ['admin'],
  ConfirmCancellation: ['admin'],
  ReactivateAccount: ['admin'],
  CloseAccount: ['scheduler'],
  ExportAccountData: ['admin', 'auditor'],
};

/** SPEC §5: `compliance` freezes are applied and lifted only by the compliance role. */
export function freezeRoles(reason: FreezeReason): readonly Role[] {
  return reason === 'compliance' ? ['compliance'] : ['admin'];
}

/** The roles that may send `command`, before looking at the account. */
export function rolesFor(command: Command): readonly Role[] {
  if (command.type === 'Freeze' || command.type === 'Unfreeze') return freezeRoles(command.reason);
  return COMMAND_ROLES[command.type];
}

/** Throws {@link Forbidden} unless the actor holds one of the roles the command needs. */
export function authorizeRoles(command: Command): void {
  const allowed = rolesFor(command);
  if (!hasAnyRole(command.actor, allowed)) throw new Forbidden(command.type, allowed);
}

/**
 * SPEC §4: the requester may cancel before approval; an admin may too. After a failed
 * payout, cancelling gives up on sending money a checker approved, so it is a finance
 * decision: an approver or an admin.
 */
export function authorizeRefundCancellation(
  actor: Actor,
  refund: RefundState,
  awaitingApproval: boolean,
): void {
  if (hasAnyRole(actor, ['admin'])) return;
  if (awaitingApproval && refund.requestedBy === actor.id && hasAnyRole(actor, ['operator']))
    return;
  if (!awaitingApproval && hasAnyRole(actor, ['approver'])) return;
  const allowed: Role[] = awaitingApproval ? ['operator', 'admin'] : ['approver', 'admin'];
  throw new Forbidden(
    'CancelRefund',
    allowed,
    awaitingApproval ? 'requester_or_admin' : 'approver_or_admin',
  );
}
