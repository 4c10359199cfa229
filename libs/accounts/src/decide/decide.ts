import type { Command, CommandOf, CommandType } from '../commands/command';
import { configForCurrency } from '../config/account-config';
import type { DomainEvent } from '../events/domain-event';
import { authorizeRoles } from '../policies/roles.policy';
import { authorizeStepUp } from '../policies/step-up.policy';
import type { AccountState } from '../state/account-state';
import { parseCommand } from '../validation/parse-command';
import { cancellationHandlers } from './cancellation';
import {
  decisionFor,
  type DecideContext,
  type Decision,
  type Handler,
  type Handlers,
} from './decision';
import { freezeHandlers } from './freeze';
import { accountHandlers } from './open-account';
import { refundApprovalHandlers } from './refund-approval';
import { refundPayoutHandlers } from './refund-payout';
import { topUpHandlers } from './top-up';

const HANDLERS: Handlers<CommandType> = {
  ...accountHandlers,
  ...topUpHandlers,
  ...refundApprovalHandlers,
  ...refundPayoutHandlers,
  ...freezeHandlers,
  ...cancellationHandlers,
};

function handle<T extends CommandType>(
  state: AccountState,
  command: CommandOf<T>,
  decision: Decision,
): DomainEvent[] {
  return (HANDLERS[command.type] as Handler<T>)(state, command, decision);
}

/**
 * Decides what a command changes: the events to append, or a refusal. Pure: the same
 * state, command and context always give the same result.
 *
 * Checks run in this order, so a request learns the most basic problem first:
 * the command's shape (400) → the actor's roles and second factor (403) → the account
 * and the entity it names (404) → the lifecycle and freeze state (409) → business rules
 * with numbers (422).
 *
 * @returns the events, possibly none (a stale deadline, a read-only export).
 * @throws {DomainError} on refusal, and never anything else.
 */
export function decide(
  state: AccountState,
  command: Command,
  context: DecideContext,
): DomainEvent[] {
  const parsed = parseCommand(command);
  // Amount rules are those of the account's currency (per-currency overrides).
  const decision = decisionFor(
    { ...context, config: configForCurrency(context?.config, state?.currency ?? null) },
    parsed.actor,
  );
  authorizeRoles(parsed);
  authorizeStepUp(parsed, decision.config, decision.stepUpVerified);
  return handle(state, parsed, decision);
}
