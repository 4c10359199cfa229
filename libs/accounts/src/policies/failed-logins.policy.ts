import type { AccountConfig } from '../config/account-config';
import type { AccountState } from '../state/account-state';
import { addMinutes } from '../time/instant';

/** The failed logins that count at `now`, this one included, and where the window starts. */
export function failedLoginWindow(
  state: AccountState,
  now: string,
  config: AccountConfig,
): { windowStart: string; failuresInWindow: number; reachesThreshold: boolean } {
  const windowStart = addMinutes(now, -config.failedLoginWindowMinutes);
  const failuresInWindow = state.failedLogins.filter((at) => at >= windowStart).length + 1;
  return {
    windowStart,
    failuresInWindow,
    reachesThreshold: failuresInWindow >= config.failedLoginThreshold,
  };
}
