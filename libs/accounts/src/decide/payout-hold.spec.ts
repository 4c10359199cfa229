import { accountConfig } from '../config/account-config';
import { deadlinesFor } from '../deadlines/deadlines';
import { at, verify, type Case } from '../testing/given-when-then';
import { MASTERCARD, NOW, VISA, approve, card, command, funded, refund } from '../testing/fixtures';
import { given } from '../testing/given-when-then';
import { freezeFor, unfreezeFor } from '../testing/freeze-signals';
import { addHours } from '../time/instant';

const HOLD_ENDS = addHours(NOW, 24);
const start = (refundId: string) => command('StartRefundPayout', { refundId });
// A replacement card, then a refund approved within the hold.
const replaced = [...funded(10_000), card(MASTERCARD)];
const deferred = [...replaced, refund('r1', 4_000), approve('r1')];

describe('SPEC §3 dual control: payouts to a recently changed card wait', () => {
  const cases: Case[] = [
    {
      name: 'a refund approved less than 24 h after a card change stays approved, with the reason and until when',
      given: [...replaced, refund('r1', 4_000)],
      when: approve('r1'),
      then: {
        events: [
          { type: 'RefundApproved' },
          {
            type: 'RefundPayoutDeferred',
            data: {
              refundId: 'r1',
              reason: 'card_changed_recently',
              until: HOLD_ENDS,
              cardLast4: '4444',
            },
          },
        ],
        state: {
          refunds: {
            r1: {
              status: 'approved',
              payoutHold: { reason: 'card_changed_recently', until: HOLD_ENDS },
            },
          },
        },
      },
    },
    {
      name: 'the first card of an account holds nothing (no money is redirected)',
      given: [...funded(10_000), refund('r1', 4_000)],
      when: approve('r1'),
      then: { events: [{ type: 'RefundApproved' }, { type: 'RefundPayoutStarted' }] },
    },
    {
      name: 'the same card entered again holds nothing',
      given: [...funded(10_000), card(VISA), refund('r1', 4_000)],
      when: approve('r1'),
      then: { events: [{ type: 'RefundApproved' }, { type: 'RefundPayoutStarted' }] },
    },
    {
      name: 'a refund approved after the hold pays out at once',
      given: [...replaced, refund('r1', 4_000)],
      when: approve('r1'),
      context: { now: HOLD_ENDS },
      then: { events: [{ type: 'RefundApproved' }, { type: 'RefundPayoutStarted' }] },
    },
    {
      name: 'the timer starts the payout when the hold ends, to the new card',
      given: deferred,
      when: start('r1'),
      context: { now: HOLD_ENDS },
      then: {
        events: [{ type: 'RefundPayoutStarted', data: { refundId: 'r1', cardLast4: '4444' } }],
        state: { refunds: { r1: { status: 'payout_pending', payoutHold: null } } },
      },
    },
    {
      name: 'a timer that fires early is DEADLINE_NOT_REACHED',
      given: deferred,
      when: start('r1'),
      context: { now: addHours(NOW, 23) },
      then: { error: 'DEADLINE_NOT_REACHED', details: { dueAt: HOLD_ENDS } },
    },
    {
      name: 'a second firing of the timer does nothing (exactly one payout)',
      given: [...deferred, at(HOLD_ENDS, start('r1'))],
      when: start('r1'),
      context: { now: HOLD_ENDS },
      then: { events: [] },
    },
    {
      name: 'a timer firing while the account is frozen does nothing; the unfreeze starts the payout',
      given: [...deferred, freezeFor('manual')],
      when: start('r1'),
      context: { now: HOLD_ENDS },
      then: { events: [] },
    },
    {
      name: 'the unfreeze after the hold starts the payout',
      given: [...deferred, freezeFor('manual')],
      when: unfreezeFor('manual'),
      context: { now: HOLD_ENDS },
      then: { events: [{ type: 'FreezeLifted' }, { type: 'RefundPayoutStarted' }] },
    },
    {
      name: 'another card change during the hold moves the waiting payout to the new hold',
      given: deferred,
      when: card(VISA),
      context: { now: addHours(NOW, 10), stepUpVerified: true },
      then: {
        events: [
          { type: 'BankCardChanged' },
          { type: 'RefundPayoutDeferred', data: { until: addHours(NOW, 34), cardLast4: '1111' } },
        ],
      },
    },
    {
      name: 'the hold is configurable',
      given: [...replaced, refund('r1', 4_000)],
      when: approve('r1'),
      context: { now: addHours(NOW, 2), config: accountConfig({ cardChangePayoutHoldHours: 1 }) },
      then: { events: [{ type: 'RefundApproved' }, { type: 'RefundPayoutStarted' }] },
    },
    {
      name: 'a final payout to a card changed less than 24 h ago is PAYOUT_HELD until the hold ends',
      given: [...replaced, command('RequestCancellation', { reason: 'moving abroad' })],
      when: command('ConfirmCancellation', {}),
      then: {
        error: 'PAYOUT_HELD',
        details: { reason: 'card_changed_recently', until: HOLD_ENDS },
      },
    },
    {
      name: 'the final payout goes ahead once the hold has ended',
      given: [...replaced, command('RequestCancellation', { reason: 'moving abroad' })],
      when: command('ConfirmCancellation', {}),
      context: { now: HOLD_ENDS },
      then: {
        events: [
          { type: 'FinalStatementIssued' },
          { type: 'FinalPayoutIssued', data: { cardLast4: '4444' } },
          { type: 'CancellationConfirmed' },
        ],
      },
    },
    {
      name: 'a retry after a failed payout to a card changed less than 24 h ago is PAYOUT_HELD',
      given: [
        ...funded(10_000),
        refund('r1', 4_000),
        approve('r1'),
        command('MarkRefundPayoutFailed', { refundId: 'r1', reason: 'invalid account' }),
        card(MASTERCARD),
      ],
      when: command('RetryRefundPayout', { refundId: 'r1' }),
      then: { error: 'PAYOUT_HELD', details: { until: HOLD_ENDS } },
    },
    {
      name: 'the retry goes to the new card once the hold has ended',
      given: [
        ...funded(10_000),
        refund('r1', 4_000),
        approve('r1'),
        command('MarkRefundPayoutFailed', { refundId: 'r1', reason: 'invalid account' }),
        card(MASTERCARD),
      ],
      when: command('RetryRefundPayout', { refundId: 'r1' }),
      context: { now: HOLD_ENDS },
      then: { events: [{ type: 'RefundPayoutRetried', data: { cardLast4: '4444' } }] },
    },
  ];
  it.each(cases)('$name', verify);

  it('the deferral schedules a durable timer that the payout cancels', () => {
    const { events } = given(deferred);
    const deferral = events.find((e) => e.type === 'RefundPayoutDeferred')!;
    expect(deadlinesFor(deferral)).toEqual([
      { action: 'schedule', kind: 'refund_payout_hold', key: 'r1', dueAt: HOLD_ENDS },
    ]);
    const started = given([...deferred, at(HOLD_ENDS, start('r1'))]).events.at(-1)!;
    expect(deadlinesFor(started)).toEqual([
      { action: 'cancel', kind: 'refund_payout_hold', key: 'r1' },
    ]);
  });
});
