import { formatMoney } from '../../format/money';

/** The facts of an event worth a glance in the timeline (never encrypted personal fields). */
const SHOWN = ['refundId', 'topUpId', 'reason', 'method', 'approval', 'cardLast4'] as const;

/**
 * Someone's words (a free-text reason) are stored sealed with the account's data key; the
 * timeline leaves them out (the account's refunds, freezes and cancellation show them).
 */
const isSealed = (value: unknown): boolean =>
  typeof value === 'string' && value.startsWith('enc:v1:');

/** Money fields of the events, in the words the timeline uses. */
const AMOUNTS: readonly (readonly [string, string])[] = [
  ['amount', 'amount'],
  ['amountDue', 'amount due'],
];

/**
 * `amount €120.00, refundId rf-1, reason technical_issue`: amounts with their currency (the
 * event's own, else the account's), then the ids and reasons.
 */
export function eventSummary(
  data: Readonly<Record<string, unknown>>,
  accountCurrency: string,
  /** Facts the caller shows otherwise (the timeline links refund and top-up ids). */
  omit: readonly string[] = [],
): string {
  const currency = typeof data.currency === 'string' ? data.currency : accountCurrency;
  const money = AMOUNTS.filter(([key]) => typeof data[key] === 'number').map(
    ([key, label]) => `${label} ${formatMoney(data[key] as number, currency)}`,
  );
  const facts = SHOWN.filter(
    (key) =>
      !omit.includes(key) &&
      ((typeof data[key] === 'string' && !isSealed(data[key])) || typeof data[key] === 'number'),
  ).map((key) => `${key} ${String(data[key])}`);
  return [...money, ...facts].join(', ');
}
