import { hasAnyRole, type Role } from '../actors/roles';
import type { Command } from '../commands/command';
import type { AccountConfig } from '../config/account-config';
import { StepUpRequired } from '../errors/request-errors';

/** SPEC Defaults: `system` and `admin` need no second factor. */
const STEP_UP_EXEMPT: readonly Role[] = ['system', 'admin'];

/**
 * Whether the command needs a verified second factor: a bank-card change, or a top-up
 * above the configured threshold, sent by someone without an exempt role.
 */
export function needsStepUp(command: Command, config: AccountConfig): boolean {
  if (hasAnyRole(command.actor, STEP_UP_EXEMPT)) return false;
  if (command.type === 'ChangeBankCard') return true;
  return command.type === 'InitiateTopUp' && command.amount > config.topUpStepUpAbove;
}

export function authorizeStepUp(
  command: Command,
  config: AccountConfig,
  stepUpVerified: boolean,
): void {
  if (!stepUpVerified && needsStepUp(command, config)) throw new StepUpRequired(command.type);
}
