import { at, verify, type Case } from '../testing/given-when-then';
import {
  ADMIN,
  NOW,
  OPERATOR,
  SYSTEM,
  command,
  funded,
  open,
  settle,
  topUp,
} from '../testing/fixtures';
import { freezeFor } from '../testing/freeze-signals';
import { afterRetention, cancelled, close } from '../testing/cancellation-fixtures';

const fail = (topUpId: string) => command('FailTopUp', { topUpId, reason: 'card declined' });
const freeze = freezeFor('manual');

describe('SPEC §2 top-up: initiate, settle, fail', () => {
  const cases: Case[] = [
    {
      name: 'InitiateTopUp adds the amount to pendingIn, not to available',
      given: [open()],
      when: topUp('t1', 12_345),
      then: {
        events: [
          {
            type: 'TopUpInitiated',
            data: {
              topUpId: 't1',
              amount: 12_345,
              currency: 'CNY',
              method: 'bank_transfer',
              paymentReference: 'ref-t1',
              by: 'gateway',
              at: NOW,
            },
          },
        ],
        state: {
          balance: { available: 0, held: 0, pendingIn: 12_345 },
          topUps: { t1: { status: 'pending' } },
        },
      },
    },
    ...(['bank_transfer', 'third_party', 'card'] as const).map((method) => ({
      name: `InitiateTopUp accepts the ${method} method`,
      given: [open()],
      when: command('InitiateTopUp', { topUpId: 't1', amount: 1, method, paymentReference: 'p1' }),
      then: { events: [{ type: 'TopUpInitiated' as const, data: { method } }] },
    })),
    {
      name: 'InitiateTopUp refuses an unknown method with VALIDATION_FAILED',
      given: [open()],
      when: command('InitiateTopUp', {
        topUpId: 't1',
        amount: 1,
        method: 'cash' as 'card',
        paymentReference: 'p1',
      }),
      then: { error: 'VALIDATION_FAILED', details: { field: 'method' } },
    },
    {
      name: 'SettleTopUp moves the amount from pendingIn to available',
      given: [open(), topUp('t1', 500)],
      when: settle('t1'),
      then: {
        events: [{ type: 'TopUpSettled', data: { topUpId: 't1', amount: 500 } }],
        state: { balance: { available: 500, pendingIn: 0 }, topUps: { t1: { status: 'settled' } } },
      },
    },
    {
      name: 'FailTopUp releases pendingIn and credits nothing',
      given: [open(), topUp('t1', 500)],
      when: fail('t1'),
      then: {
        events: [{ type: 'TopUpFailed', data: { topUpId: 't1', reason: 'card declined' } }],
        state: { balance: { available: 0, pendingIn: 0 }, topUps: { t1: { status: 'failed' } } },
      },
    },
    {
      name: 'a second SettleTopUp is a 409 INVALID_TRANSITION, never a double credit',
      given: [open(), topUp('t1', 500), settle('t1')],
      when: settle('t1'),
      then: {
        error: 'INVALID_TRANSITION',
        details: { subject: 'top_up', id: 't1', current: 'settled' },
      },
    },
    {
      name: 'FailTopUp after settlement is a 409 INVALID_TRANSITION',
      given: [open(), topUp('t1', 500), settle('t1')],
      when: fail('t1'),
      then: { error: 'INVALID_TRANSITION', details: { current: 'settled' } },
    },
    {
      name: 'SettleTopUp after a failure is a 409 INVALID_TRANSITION',
      given: [open(), topUp('t1', 500), fail('t1')],
      when: settle('t1'),
      then: { error: 'INVALID_TRANSITION', details: { current: 'failed' } },
    },
    {
      name: 'SettleTopUp of an unknown top-up is TOP_UP_NOT_FOUND',
      given: [open()],
      when: settle('nope'),
      then: { error: 'TOP_UP_NOT_FOUND', details: { topUpId: 'nope' } },
    },
    {
      name: 'InitiateTopUp with an id already used is TOP_UP_ALREADY_EXISTS',
      given: [open(), topUp('t1', 500)],
      when: command('InitiateTopUp', {
        topUpId: 't1',
        amount: 1,
        method: 'card',
        paymentReference: 'other',
      }),
      then: { error: 'TOP_UP_ALREADY_EXISTS' },
    },
    {
      name: 'the same paymentReference twice on one account is DUPLICATE_PAYMENT_REFERENCE',
      given: [open(), topUp('t1', 500)],
      when: command('InitiateTopUp', {
        topUpId: 't2',
        amount: 1,
        method: 'card',
        paymentReference: 'ref-t1',
      }),
      then: {
        error: 'DUPLICATE_PAYMENT_REFERENCE',
        details: { paymentReference: 'ref-t1', topUpId: 't1' },
      },
    },
    {
      name: 'a paymentReference of a failed top-up cannot be reused either',
      given: [open(), topUp('t1', 500), fail('t1')],
      when: command('InitiateTopUp', {
        topUpId: 't2',
        amount: 1,
        method: 'card',
        paymentReference: 'ref-t1',
      }),
      then: { error: 'DUPLICATE_PAYMENT_REFERENCE' },
    },
  ];
  it.each(cases)('$name', verify);
});

describe('SPEC §2 top-up: second factor and account state', () => {
  const cases: Case[] = [
    {
      name: 'an operator top-up at the step-up threshold needs no second factor',
      given: [open()],
      when: topUp('t1', 1_000_000, OPERATOR),
      then: { events: [{ type: 'TopUpInitiated', data: { stepUpVerified: false } }] },
    },
    {
      name: 'an operator top-up above the step-up threshold without a second factor is STEP_UP_REQUIRED',
      given: [open()],
      when: topUp('t1', 1_000_001, OPERATOR),
      then: { error: 'STEP_UP_REQUIRED', details: { command: 'InitiateTopUp' } },
    },
    {
      name: 'an operator top-up above the step-up threshold with a verified second factor is accepted',
      given: [open()],
      when: topUp('t1', 1_000_001, OPERATOR),
      context: { stepUpVerified: true },
      then: { events: [{ type: 'TopUpInitiated', data: { stepUpVerified: true } }] },
    },
    ...[SYSTEM, ADMIN].map((actor) => ({
      name: `the ${actor.roles[0]} role's top-up above the step-up threshold needs no second factor`,
      given: [open()],
      when: topUp('t1', 2_000_000, actor),
      then: { events: [{ type: 'TopUpInitiated' as const }] },
    })),
    {
      name: 'InitiateTopUp while frozen is ACCOUNT_FROZEN with the reasons',
      given: [open(), freeze],
      when: topUp('t1', 100),
      then: { error: 'ACCOUNT_FROZEN', details: { reasons: ['manual'] } },
    },
    {
      name: 'a pending top-up still settles while the account is frozen',
      given: [open(), topUp('t1', 100), freeze],
      when: settle('t1'),
      then: { events: [{ type: 'TopUpSettled' }], state: { balance: { available: 100 } } },
    },
    {
      name: 'InitiateTopUp during cancellation_requested is INVALID_TRANSITION',
      given: [...funded(), command('RequestCancellation', { reason: 'moving to a competitor' })],
      when: topUp('t1', 100),
      then: {
        error: 'INVALID_TRANSITION',
        details: { subject: 'lifecycle', current: 'cancellation_requested' },
      },
    },
    {
      name: 'InitiateTopUp on a cancelled account is INVALID_TRANSITION',
      given: cancelled,
      when: topUp('t1', 100),
      then: { error: 'INVALID_TRANSITION', details: { current: 'cancelled' } },
    },
    {
      name: 'InitiateTopUp on a closed account is INVALID_TRANSITION',
      given: [...cancelled, at(afterRetention.now, close)],
      when: topUp('t1', 100),
      context: afterRetention,
      then: { error: 'INVALID_TRANSITION', details: { current: 'closed' } },
    },
    {
      name: 'InitiateTopUp on an account that was never opened is ACCOUNT_NOT_FOUND',
      when: topUp('t1', 100),
      then: { error: 'ACCOUNT_NOT_FOUND', details: { accountId: 'acc-1' } },
    },
  ];
  it.each(cases)('$name', verify);
});
