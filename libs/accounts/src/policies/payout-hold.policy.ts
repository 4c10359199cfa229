import type { AccountConfig } from '../config/account-config';
import type { AccountState } from '../state/account-state';
import { addHours } from '../time/instant';

/**
 * SPEC §3 dual control on where money goes: until when payouts to the card on file wait,
 * or null when they need not. Only a card that replaced a different one holds payouts:
 * the first card of an account, or the same card entered again, does not redirect money.
 */
export function cardPayoutHoldUntil(
  state: AccountState,
  config: AccountConfig,
  now: string,
): string | null {
  const card = state.bankCard;
  if (!card?.replaced) return null;
  const until = addHours(card.changedAt, config.cardChangePayoutHoldHours);
  return Date.parse(now) < Date.parse(until) ? until : null;
}
