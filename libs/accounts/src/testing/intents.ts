import fc from 'fast-check';
import { passesLuhn } from '../cards/pan';
import type { Command } from '../commands/command';
import { FREEZE_REASONS, type FreezeReason } from '../commands/freeze-commands';
import { REFUND_REASONS, type RefundReason } from '../commands/refund-commands';
import { TOP_UP_METHODS, type TopUpMethod } from '../commands/top-up-commands';
import type { RefundStatus } from '../machines/refund.machine';
import type { AccountState } from '../state/account-state';
import { activeFreezeReasons } from '../state/queries';
import { ADMIN, APPROVER, APPROVER_2, OPERATOR, command } from './fixtures';
import { FREEZE_SIGNALS, unfreezeFor } from './freeze-signals';

/** A Luhn-valid PAN of 12–19 digits. */
export const validPan = fc
  .array(fc.integer({ min: 0, max: 9 }), { minLength: 11, maxLength: 18 })
  .map((digits) => {
    const body = digits.join('');
    return body + ([...'0123456789'].find((d) => passesLuhn(body + d)) as string);
  });

/**
 * A command that picks its ids and amounts from the state it is sent to, so random
 * histories keep settling real top-ups and approving real refunds instead of mostly
 * missing. The label makes counterexamples readable.
 */
export type Intent = ((state: AccountState) => Command) & { label: string };

export const intent = (label: string, make: (state: AccountState) => Command): Intent =>
  Object.assign(make, { label, toString: () => label });

/**
 * An entity id, preferring those `wanted` (say, pending top-ups for a settlement): nine
 * picks in ten hit a candidate when there is one, the rest any entity, so refusals stay
 * exercised too.
 */
function idIn<T>(map: Record<string, T>, n: number, fresh: string, wanted: (e: T) => boolean) {
  const all = Object.keys(map);
  const candidates = all.filter((id) => wanted(map[id] as T));
  const pool = candidates.length > 0 && n % 10 !== 0 ? candidates : all;
  return pool.length === 0 ? fresh : (pool[n % pool.length] as string);
}
const pendingTopUp = (s: AccountState, n: number) =>
  idIn(s.topUps, n, 't1', (t) => t.status === 'pending');
const refundIn = (s: AccountState, n: number, ...statuses: RefundStatus[]) =>
  idIn(s.refunds, n, 'r1', (r) => statuses.includes(r.status));
// One new id in eight collides with an existing one, to exercise the duplicate checks.
const newId = (map: Record<string, unknown>, prefix: string, n: number) =>
  n % 8 === 0 ? idIn(map, n, `${prefix}1`, () => true) : `${prefix}${Object.keys(map).length + 1}`;
// Permille of the available balance: mostly affordable, sometimes more than there is.
const share = (available: number, permille: number) =>
  Math.max(1, Math.ceil((available * permille) / 1000));

/** A way out for an active reason (mostly), or for any reason (to hit the 409). */
function liftCommand(s: AccountState, n: number): Command {
  const active = activeFreezeReasons(s);
  const useActive = active.length > 0 && n % 5 !== 0;
  const reason = (useActive ? active[n % active.length] : FREEZE_REASONS[n % 5]) as FreezeReason;
  return n % 3 === 0 ? unfreezeFor(reason) : FREEZE_SIGNALS[reason].lift;
}

export const plan = { pricePerCycle: 3_000, cycleDays: 30, cycleStart: '2025-03-01' };
export const openCommand = command('OpenAccount', {
  ownerName: 'Li Wei',
  ownerEmail: 'li@example.com',
  currency: 'EUR',
  plan,
});
export const cardCommand = (cardNumber: string) =>
  command('ChangeBankCard', { cardNumber, holderName: 'LI WEI', bankName: 'Bank' });

/** An intent whose choices come from two random numbers and the state. */
const picked = (label: string, make: (s: AccountState, n: number, m: number) => Command) =>
  fc.tuple(fc.nat(), fc.nat()).map(([n, m]) => intent(`${label}#${n},${m}`, (s) => make(s, n, m)));
const fixed = (label: string, sent: Command) => fc.constant(intent(label, () => sent));
const awaiting: RefundStatus[] = ['requested', 'partially_approved'];

/** Every operation, weighted: money moves are most of what an account sees. */
export const INTENTS: { weight: number; arbitrary: fc.Arbitrary<Intent> }[] = [
  { weight: 1, arbitrary: fixed('open', openCommand) },
  { weight: 1, arbitrary: validPan.map((pan) => intent(`card ${pan}`, () => cardCommand(pan))) },
  { weight: 1, arbitrary: fixed('export', command('ExportAccountData', {})) },
  {
    weight: 10,
    arbitrary: picked('top-up', (s, n, m) =>
      command('InitiateTopUp', {
        topUpId: newId(s.topUps, 't', n),
        amount: 1 + (m % 4_000),
        method: TOP_UP_METHODS[m % 3] as TopUpMethod,
        paymentReference: `p${m % 40}`,
      }),
    ),
  },
  {
    weight: 8,
    arbitrary: picked('settle', (s, n) => command('SettleTopUp', { topUpId: pendingTopUp(s, n) })),
  },
  {
    weight: 1,
    arbitrary: picked('fail top-up', (s, n) =>
      command('FailTopUp', { topUpId: pendingTopUp(s, n), reason: 'declined' }),
    ),
  },
  {
    // Limits around PROPERTY_CONFIG's defaults (3,000 / 8,000): tighter, or above them by
    // an admin who is also compliance officer (one in two), so both paths are walked.
    weight: 1,
    arbitrary: picked('limits', (_s, n, m) =>
      command(
        'SetTopUpLimits',
        {
          ...(n % 3 !== 1 ? { singleMax: 500 + (m % 4_000) } : {}),
          ...(n % 3 !== 0 ? { dailyMax: 1_000 + (m % 10_000) } : {}),
          reason: 'risk review',
        },
        m % 2 ? ADMIN : { id: 'admin-2', roles: ['admin', 'compliance'] },
      ),
    ),
  },
  {
    weight: 12,
    arbitrary: picked('refund', (s, n, m) =>
      command('RequestRefund', {
        refundId: newId(s.refunds, 'r', n),
        amount: share(s.balance.available, 1 + (m % 1_200)),
        reason: REFUND_REASONS[m % REFUND_REASONS.length] as RefundReason,
        note: 'why',
      }),
    ),
  },
  {
    weight: 6,
    arbitrary: picked('approve', (s, n, m) =>
      command(
        'ApproveRefund',
        { refundId: refundIn(s, n, ...awaiting) },
        m % 2 ? APPROVER : APPROVER_2,
      ),
    ),
  },
  {
    weight: 1,
    arbitrary: picked('reject', (s, n) =>
      command('RejectRefund', { refundId: refundIn(s, n, ...awaiting), reason: 'no' }),
    ),
  },
  {
    weight: 1,
    arbitrary: picked('cancel refund', (s, n, m) =>
      command(
        'CancelRefund',
        { refundId: refundIn(s, n, ...awaiting, 'payout_failed') },
        [OPERATOR, APPROVER, ADMIN][m % 3],
      ),
    ),
  },
  {
    weight: 2,
    arbitrary: picked('expire', (s, n) =>
      command('ExpireRefund', { refundId: refundIn(s, n, ...awaiting) }),
    ),
  },
  {
    weight: 3,
    arbitrary: picked('paid out', (s, n) =>
      command('MarkRefundPaidOut', { refundId: refundIn(s, n, 'payout_pending') }),
    ),
  },
  {
    weight: 3,
    arbitrary: picked('payout failed', (s, n) =>
      command('MarkRefundPayoutFailed', {
        refundId: refundIn(s, n, 'payout_pending'),
        reason: 'bounced',
      }),
    ),
  },
  {
    weight: 3,
    arbitrary: picked('retry payout', (s, n) =>
      command('RetryRefundPayout', { refundId: refundIn(s, n, 'payout_failed') }),
    ),
  },
  {
    weight: 4,
    arbitrary: fc
      .constantFrom(...FREEZE_REASONS)
      .map((r) => intent(`apply ${r}`, () => FREEZE_SIGNALS[r].apply)),
  },
  { weight: 6, arbitrary: picked('lift a freeze reason', (s, n) => liftCommand(s, n)) },
  {
    weight: 2,
    arbitrary: fixed('request cancellation', command('RequestCancellation', { reason: 'leaving' })),
  },
  { weight: 1, arbitrary: fixed('withdraw cancellation', command('WithdrawCancellation', {})) },
  { weight: 2, arbitrary: fixed('confirm cancellation', command('ConfirmCancellation', {})) },
  { weight: 2, arbitrary: fixed('reactivate', command('ReactivateAccount', {})) },
  { weight: 1, arbitrary: fixed('close', command('CloseAccount', {})) },
];
