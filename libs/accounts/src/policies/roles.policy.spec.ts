import { ROLES, type Actor, type Role } from '../actors/roles';
import type { Command, CommandType } from '../commands/command';
import { DomainError } from '../errors/domain-error';
import { when } from '../testing/given-when-then';
import { command, funded } from '../testing/fixtures';
import { COMMAND_TYPES } from '../validation/command-schemas';

/**
 * The role table, written out again from SPEC (and docs/domain.md for what SPEC leaves
 * open) rather than imported, so that a change to the policy file shows up here.
 */
const EXPECTED: Record<CommandType, Role[]> = {
  OpenAccount: ['operator', 'admin'],
  InitiateTopUp: ['operator', 'payment_gateway', 'admin'],
  SettleTopUp: ['payment_gateway'],
  FailTopUp: ['payment_gateway'],
  ChangeBankCard: ['operator', 'admin'],
  RequestRefund: ['operator', 'admin'],
  ApproveRefund: ['approver'],
  RejectRefund: ['approver'],
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

const SAMPLES: { [T in CommandType]: Omit<Command & { type: T }, 'type' | 'accountId' | 'actor'> } =
  {
    OpenAccount: { ownerName: 'A', ownerEmail: 'a@b.co', currency: 'EUR' },
    ChangeBankCard: { cardNumber: '4111111111111111', holderName: 'A', bankName: 'B' },
    ExportAccountData: {},
    InitiateTopUp: { topUpId: 't1', amount: 1, method: 'card', paymentReference: 'p' },
    SettleTopUp: { topUpId: 't1' },
    FailTopUp: { topUpId: 't1', reason: 'x' },
    RequestRefund: { refundId: 'r1', amount: 1, reason: 'technical_issue' },
    ApproveRefund: { refundId: 'r1' },
    RejectRefund: { refundId: 'r1', reason: 'x' },
    CancelRefund: { refundId: 'r1' },
    ExpireRefund: { refundId: 'r1' },
    StartRefundPayout: { refundId: 'r1' },
    MarkRefundPaidOut: { refundId: 'r1' },
    MarkRefundPayoutFailed: { refundId: 'r1', reason: 'x' },
    RetryRefundPayout: { refundId: 'r1' },
    RecordFailedLogin: {},
    ResetPassword: {},
    MarkPaymentOverdue: {},
    SettleOverdue: {},
    Freeze: { reason: 'manual', note: 'n' },
    Unfreeze: { reason: 'manual', note: 'n' },
    StartMaintenance: {},
    EndMaintenance: {},
    RequestCancellation: { reason: 'x' },
    WithdrawCancellation: {},
    ConfirmCancellation: {},
    ReactivateAccount: {},
    CloseAccount: {},
  };

const INTEGRATIONS: Role[] = ['payment_gateway', 'identity_provider', 'billing', 'scheduler'];

/** SPEC Actors: the deprecated `system` holds all four integration roles for one release. */
const allowedFor = (type: CommandType, role: Role): boolean =>
  EXPECTED[type].includes(role) ||
  (role === 'system' && EXPECTED[type].some((r) => INTEGRATIONS.includes(r)));

const matrix = COMMAND_TYPES.flatMap((type) =>
  ROLES.map((role) => ({ type, role, allowed: allowedFor(type, role) })),
);

function outcome(type: CommandType, actor: Actor): unknown {
  const sent = command(type, SAMPLES[type] as never, actor) as Command;
  return when({ given: funded(), when: sent, context: { stepUpVerified: true } }).result;
}

describe('SPEC role boundaries: every command × every role', () => {
  it('covers every command type', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...COMMAND_TYPES].sort());
  });

  it.each(matrix)('$type by a lone $role → allowed: $allowed', ({ type, role, allowed }) => {
    const result = outcome(type, { id: `someone-${role}`, roles: [role] });
    const forbidden = result instanceof DomainError && result.code === 'FORBIDDEN';
    expect(forbidden).toBe(!allowed);
    if (forbidden) expect(result.details).toMatchObject({ command: type });
  });

  it('the auditor is read-only: every command but the export is FORBIDDEN', () => {
    const writable = COMMAND_TYPES.filter((type) => {
      const result = outcome(type, { id: 'au-1', roles: ['auditor'] });
      return !(result instanceof DomainError && result.code === 'FORBIDDEN');
    });
    expect(writable).toEqual(['ExportAccountData']);
  });

  it('an actor with no roles may do nothing', () => {
    const results = COMMAND_TYPES.map((type) => outcome(type, { id: 'nobody', roles: [] }));
    expect(results.every((r) => r instanceof DomainError && r.code === 'FORBIDDEN')).toBe(true);
  });

  it('one allowed role among several is enough', () => {
    const result = outcome('InitiateTopUp', { id: 'x', roles: ['auditor', 'payment_gateway'] });
    expect(result).toEqual([expect.objectContaining({ type: 'TopUpInitiated' })]);
  });

  it.each([
    ['identity_provider', 'SettleTopUp'],
    ['billing', 'SettleTopUp'],
    ['scheduler', 'MarkRefundPaidOut'],
    ['payment_gateway', 'RecordFailedLogin'],
    ['payment_gateway', 'MarkPaymentOverdue'],
    ['billing', 'StartMaintenance'],
  ] as const)('a %s key cannot send %s (the leaked-webhook-key finding)', (role, type) => {
    const result = outcome(type, { id: 'leaked', roles: [role] });
    expect(result).toBeInstanceOf(DomainError);
    expect((result as DomainError).code).toBe('FORBIDDEN');
  });
});
