/**
 * Money is an integer count of minor units (cents, fen) in the account's currency. Floats
 * never represent money here: they cannot hold 0.1 exactly and drift when summed.
 */
export type MinorUnits = number;

/** A positive safe integer: the only shape an amount in a command may take. */
export function isAmount(value: unknown): value is MinorUnits {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0;
}

/** Sums minor units; the caller guarantees the terms are safe integers. */
export function sumOf(amounts: Iterable<MinorUnits>): MinorUnits {
  let total = 0;
  for (const amount of amounts) total += amount;
  return total;
}
