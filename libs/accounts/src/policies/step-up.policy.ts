import { hasAnyRole, type Actor, type Role } from '../actors/roles';
import type { Command } from '../commands/command';
import type { AccountConfig } from '../config/account-config';
import { StepUpRequired } from '../errors/request-errors';

/**
 * SPEC Defaults: the payment gateway (the integration that reports top-ups; `system`
 * through effectiveRoles) and `admin` need no second factor for top-ups.
 */
const STEP_UP_EXEMPT: readonly Role[] = ['payment_gateway', 'admin'];

/** The commands that can need a second factor. */
export const STEP_UP_COMMANDS = [
  'ChangeBankCard',
  'InitiateTopUp',
  'ApproveRefund',
  'SetTopUpLimits',
] as const;
export type StepUpCommand = (typeof STEP_UP_COMMANDS)[number];

/** When a command needs a second factor: never, always, or for amounts above a threshold. */
export type StepUpRequirement = 'never' | 'always' | { readonly above: number };

/**
 * What `actor` must present to send `type` under `config`: the rule itself, so a client
 * (the ops console) can ask for a code before sending instead of after a refusal.
 * The refund-approval rule is not in SPEC; it is off unless `refundApprovalStepUpAbove`
 * is set, and then it applies to every approver whatever other roles they hold: the
 * approval is the checker's signature, which the SPEC exemptions do not cover.
 */
export function stepUpRequirement(
  type: StepUpCommand,
  actor: Actor,
  config: AccountConfig,
): StepUpRequirement {
  // SPEC §2: setting an account's limits always needs the admin's second factor.
  if (type === 'SetTopUpLimits') return 'always';
  if (type === 'ApproveRefund') {
    const above = config.refundApprovalStepUpAbove;
    return above === null ? 'never' : { above };
  }
  // SPEC §3 dual control: changing where money goes needs a second factor, admin included.
  if (type === 'ChangeBankCard') return 'always';
  if (hasAnyRole(actor, STEP_UP_EXEMPT)) return 'never';
  return { above: config.topUpStepUpAbove };
}

/** Whether a requirement asks for a code for this amount. */
export function requiresStepUp(requirement: StepUpRequirement, amount: number): boolean {
  if (typeof requirement === 'string') return requirement === 'always';
  return amount > requirement.above;
}

/**
 * Whether the command, by what it carries itself, needs a verified second factor: a
 * bank-card change (whoever sends it), or a top-up above the configured threshold, sent
 * by someone without an exempt role. (An approval's need depends on the refund's amount, which only the
 * account state knows: {@link authorizeApprovalStepUp}.)
 */
export function needsStepUp(command: Command, config: AccountConfig): boolean {
  // One statement of the rule (stepUpRequirement), for what the command carries itself.
  if (command.type === 'InitiateTopUp') {
    return requiresStepUp(stepUpRequirement(command.type, command.actor, config), command.amount);
  }
  if (command.type === 'ChangeBankCard' || command.type === 'SetTopUpLimits') {
    return requiresStepUp(stepUpRequirement(command.type, command.actor, config), 0);
  }
  return false;
}

export function authorizeStepUp(
  command: Command,
  config: AccountConfig,
  stepUpVerified: boolean,
): void {
  if (!stepUpVerified && needsStepUp(command, config)) throw new StepUpRequired(command.type);
}

/** Approving a refund above `refundApprovalStepUpAbove` needs the approver's second factor. */
export function authorizeApprovalStepUp(
  actor: Actor,
  refundAmount: number,
  config: AccountConfig,
  stepUpVerified: boolean,
): void {
  const requirement = stepUpRequirement('ApproveRefund', actor, config);
  if (!stepUpVerified && requiresStepUp(requirement, refundAmount)) {
    throw new StepUpRequired('ApproveRefund');
  }
}
