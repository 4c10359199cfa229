/**
 * Approvals above this amount (minor units, in the refund's currency) ask "are you sure?"
 * first: a slip of the `a` key should not pay out a large refund. 500.00 unless this
 * browser was told otherwise (the keyboard help, `?`). Kept in localStorage: it is a
 * preference, not a secret, and outlives the tab.
 */
export const DEFAULT_CONFIRM_ABOVE = 50_000;
const KEY = 'account-ops.confirm-above';

export function confirmAbove(): number {
  const stored = Number(globalThis.localStorage?.getItem(KEY));
  return Number.isSafeInteger(stored) && stored > 0 ? stored : DEFAULT_CONFIRM_ABOVE;
}

export function setConfirmAbove(minor: number): void {
  if (Number.isSafeInteger(minor) && minor > 0) localStorage.setItem(KEY, String(minor));
}
