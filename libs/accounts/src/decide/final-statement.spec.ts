import { accountConfig } from '../config/account-config';
import { verify, type Case } from '../testing/given-when-then';
import { card, funded, open } from '../testing/fixtures';
import { freezeFor } from '../testing/freeze-signals';
import { confirm, plan, planned, request } from '../testing/cancellation-fixtures';

const freeze = freezeFor('manual');

describe('SPEC §6 final statement on confirmation', () => {
  const cases: Case[] = [
    {
      name: 'ConfirmCancellation credits floor(price × unusedDays / cycleDays), pays out everything, and cancels',
      given: [...planned, request],
      when: confirm,
      then: {
        events: [
          {
            type: 'FinalStatementIssued',
            data: {
              availableBefore: 5_000,
              proratedCredit: 2_000,
              unusedDays: 20,
              cycleDays: 30,
              cycleIndex: 0,
              cycleEndsOn: '2025-03-30',
              amountDue: 7_000,
            },
          },
          {
            type: 'FinalPayoutIssued',
            data: { amount: 7_000, currency: 'CNY', cardLast4: '1111' },
          },
          { type: 'CancellationConfirmed', data: { retentionUntil: '2025-04-09T09:00:00.000Z' } },
        ],
        state: { status: 'cancelled', balance: { available: 0, held: 0, pendingIn: 0 } },
      },
    },
    {
      name: 'the prorated credit is rounded down',
      given: [open({ plan: { ...plan, pricePerCycle: 1_000 } }), card(), request],
      when: confirm,
      then: {
        events: [
          { type: 'FinalStatementIssued', data: { proratedCredit: 666, amountDue: 666 } },
          { type: 'FinalPayoutIssued', data: { amount: 666 } },
          { type: 'CancellationConfirmed' },
        ],
      },
    },
    {
      name: 'proration uses the cycle running today, not the first one',
      given: [open({ plan: { ...plan, cycleStart: '2025-01-01' } }), card(), request],
      when: confirm,
      then: {
        events: [
          {
            type: 'FinalStatementIssued',
            data: {
              cycleIndex: 2,
              unusedDays: 21,
              proratedCredit: 2_100,
              cycleEndsOn: '2025-03-31',
            },
          },
          { type: 'FinalPayoutIssued' },
          { type: 'CancellationConfirmed' },
        ],
      },
    },
    {
      name: 'without a plan there is no prorated credit, only the balance',
      given: [...funded(5_000), request],
      when: confirm,
      then: {
        events: [
          {
            type: 'FinalStatementIssued',
            data: { proratedCredit: 0, cycleDays: null, amountDue: 5_000 },
          },
          { type: 'FinalPayoutIssued', data: { amount: 5_000 } },
          { type: 'CancellationConfirmed' },
        ],
      },
    },
    {
      name: 'before the plan’s first cycle starts nothing is credited',
      given: [open({ plan: { ...plan, cycleStart: '2025-04-01' } }), request],
      when: confirm,
      then: {
        events: [
          { type: 'FinalStatementIssued', data: { proratedCredit: 0, cycleIndex: null } },
          { type: 'CancellationConfirmed' },
        ],
      },
    },
    {
      name: 'nothing due means no payout event and no card needed',
      given: [open(), request],
      when: confirm,
      then: {
        events: [
          { type: 'FinalStatementIssued', data: { amountDue: 0 } },
          { type: 'CancellationConfirmed' },
        ],
        state: { status: 'cancelled' },
      },
    },
    {
      name: 'an amount due without a bank card is BANK_CARD_REQUIRED',
      given: [open({ plan }), request],
      when: confirm,
      then: { error: 'BANK_CARD_REQUIRED', details: { purpose: 'final_payout' } },
    },
    {
      name: 'ConfirmCancellation of an active account is INVALID_TRANSITION',
      given: funded(),
      when: confirm,
      then: { error: 'INVALID_TRANSITION', details: { current: 'active' } },
    },
    {
      name: 'ConfirmCancellation after a freeze since the request is CANCELLATION_BLOCKED',
      given: [...funded(), request, freeze],
      when: confirm,
      then: { error: 'CANCELLATION_BLOCKED', details: { blockers: [{ kind: 'frozen' }] } },
    },
    {
      name: 'the retention window is configurable',
      given: [open(), request],
      when: confirm,
      context: { config: accountConfig({ retentionDays: 1 }) },
      then: {
        events: [
          { type: 'FinalStatementIssued' },
          { type: 'CancellationConfirmed', data: { retentionUntil: '2025-03-11T09:00:00.000Z' } },
        ],
      },
    },
  ];
  it.each(cases)('$name', verify);
});
