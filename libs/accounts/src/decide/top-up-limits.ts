import type { Role } from '../actors/roles';
import { hasAnyRole } from '../actors/roles';
import { Forbidden, ValidationFailed } from '../errors/request-errors';
import { InvalidTransition } from '../errors/state-errors';
import { emit, type Handler } from './decision';
import { requireOpened } from './require';

const COMPLIANCE: readonly Role[] = ['compliance'];

/**
 * SPEC §2 `SetTopUpLimits`: an admin (the role and the second factor are checked before
 * this) sets one account's limits; a limit above the configured default (for the
 * account's currency) also needs the compliance role, so raising exposure takes two
 * functions. Allowed in any state but closed: an admin may tighten a frozen account.
 */
export const setTopUpLimits: Handler<'SetTopUpLimits'> = (state, command, decision) => {
  const account = requireOpened(state, command);
  if (command.singleMax === undefined && command.dailyMax === undefined) {
    throw new ValidationFailed('singleMax', 'or dailyMax is required (give one or both)');
  }
  if (account.status === 'closed') {
    throw new InvalidTransition('lifecycle', account.accountId, account.status, command.type);
  }
  const defaults = {
    singleMax: decision.config.topUpSingleMax,
    dailyMax: decision.config.topUpDailyMax,
  };
  const previous = { ...account.topUpLimits };
  const limits = {
    singleMax: command.singleMax ?? previous.singleMax,
    dailyMax: command.dailyMax ?? previous.dailyMax,
  };
  const raises =
    (command.singleMax !== undefined && command.singleMax > defaults.singleMax) ||
    (command.dailyMax !== undefined && command.dailyMax > defaults.dailyMax);
  if (raises && !hasAnyRole(command.actor, COMPLIANCE)) {
    throw new Forbidden(command.type, COMPLIANCE, 'limit_above_default_needs_compliance');
  }
  return [emit('TopUpLimitsSet', { previous, limits, defaults, reason: command.reason }, decision)];
};
