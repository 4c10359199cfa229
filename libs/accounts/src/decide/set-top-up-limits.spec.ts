import { accountConfig } from '../config/account-config';
import { replay } from '../state/evolve';
import { initialState } from '../state/account-state';
import { given, verify, type Case } from '../testing/given-when-then';
import { ADMIN, COMPLIANCE, OPERATOR, command, open, topUp } from '../testing/fixtures';

const ADMIN_COMPLIANCE = { id: 'admin-co', roles: ['admin', 'compliance'] } as const;
const limits = (payload: { singleMax?: number; dailyMax?: number }, by = ADMIN) =>
  command(
    'SetTopUpLimits',
    { ...payload, reason: 'risk review 12' },
    { ...by, roles: [...by.roles] },
  );
const verified = { stepUpVerified: true };

describe('SPEC §2 SetTopUpLimits', () => {
  const cases: Case[] = [
    {
      name: 'an admin with a second factor lowers one account limit: the event has who, why, old and new',
      given: [open()],
      when: limits({ singleMax: 100_000 }),
      context: verified,
      then: {
        events: [
          {
            type: 'TopUpLimitsSet',
            data: {
              previous: { singleMax: null, dailyMax: null },
              limits: { singleMax: 100_000, dailyMax: null },
              defaults: { singleMax: 5_000_000, dailyMax: 20_000_000 },
              reason: 'risk review 12',
              by: 'admin-1',
            },
          },
        ],
        state: { topUpLimits: { singleMax: 100_000, dailyMax: null } },
      },
    },
    {
      name: 'a second change keeps the limit it does not name and records the old value',
      given: [open(), { command: limits({ singleMax: 100_000 }), context: verified }],
      when: limits({ dailyMax: 300_000 }),
      context: verified,
      then: {
        events: [
          {
            type: 'TopUpLimitsSet',
            data: {
              previous: { singleMax: 100_000, dailyMax: null },
              limits: { singleMax: 100_000, dailyMax: 300_000 },
            },
          },
        ],
      },
    },
    {
      name: 'without a second factor: STEP_UP_REQUIRED, even for an admin',
      given: [open()],
      when: limits({ singleMax: 100_000 }),
      context: { stepUpVerified: false },
      then: { error: 'STEP_UP_REQUIRED', details: { command: 'SetTopUpLimits' } },
    },
    {
      name: 'an operator may not set limits: FORBIDDEN',
      given: [open()],
      when: limits({ singleMax: 100 }, OPERATOR),
      context: verified,
      then: { error: 'FORBIDDEN', details: { allowedRoles: ['admin'] } },
    },
    {
      name: 'the compliance role alone may not set limits: FORBIDDEN',
      given: [open()],
      when: limits({ singleMax: 100 }, COMPLIANCE),
      context: verified,
      then: { error: 'FORBIDDEN', details: { allowedRoles: ['admin'] } },
    },
    {
      name: 'a limit above the configured default needs the compliance role too: FORBIDDEN',
      given: [open()],
      when: limits({ dailyMax: 20_000_001 }),
      context: verified,
      then: {
        error: 'FORBIDDEN',
        details: { allowedRoles: ['compliance'], rule: 'limit_above_default_needs_compliance' },
      },
    },
    {
      name: 'an admin who also holds the compliance role may raise a limit above the default',
      given: [open()],
      when: limits({ singleMax: 9_000_000 }, ADMIN_COMPLIANCE),
      context: verified,
      then: { events: [{ type: 'TopUpLimitsSet', data: { limits: { singleMax: 9_000_000 } } }] },
    },
    {
      name: 'a limit equal to the default needs no compliance role',
      given: [open()],
      when: limits({ singleMax: 5_000_000 }),
      context: verified,
      then: { events: [{ type: 'TopUpLimitsSet' }] },
    },
    {
      name: 'the default it is compared with is the one for the account currency',
      given: [open({ currency: 'JPY' })],
      when: limits({ singleMax: 600_000 }),
      context: {
        ...verified,
        config: accountConfig({ currencyAmounts: { JPY: { topUpSingleMax: 500_000 } } }),
      },
      then: { error: 'FORBIDDEN', details: { rule: 'limit_above_default_needs_compliance' } },
    },
    {
      name: 'neither limit given: VALIDATION_FAILED',
      given: [open()],
      when: command('SetTopUpLimits', { reason: 'x' }),
      context: verified,
      then: { error: 'VALIDATION_FAILED', details: { field: 'singleMax' } },
    },
    {
      name: 'a limit that is not a positive integer: VALIDATION_FAILED naming it',
      given: [open()],
      when: limits({ dailyMax: 0 }),
      context: verified,
      then: { error: 'VALIDATION_FAILED', details: { field: 'dailyMax' } },
    },
    {
      name: 'no reason: VALIDATION_FAILED',
      given: [open()],
      when: command('SetTopUpLimits', { singleMax: 5 } as never),
      context: verified,
      then: { error: 'VALIDATION_FAILED', details: { field: 'reason' } },
    },
    {
      name: 'an unknown account: ACCOUNT_NOT_FOUND',
      when: limits({ singleMax: 5 }),
      context: verified,
      then: { error: 'ACCOUNT_NOT_FOUND' },
    },
  ];
  it.each(cases)('$name', verify);
});

describe('SPEC §2 the account limits apply from the next command on', () => {
  const lowered = [
    open(),
    { command: limits({ singleMax: 1_000, dailyMax: 2_500 }), context: verified },
  ];
  const cases: Case[] = [
    {
      name: "a top-up above the account's single max is LIMIT_EXCEEDED naming the account's limit",
      given: lowered,
      when: topUp('t1', 1_001),
      then: {
        error: 'LIMIT_EXCEEDED',
        details: {
          limitName: 'top_up_single_max',
          limit: 1_000,
          limitSource: 'account',
          remaining: 1_000,
          requested: 1_001,
        },
      },
    },
    {
      name: "the account's daily max counts the day's top-ups",
      given: [...lowered, topUp('t1', 1_000), topUp('t2', 1_000)],
      when: topUp('t3', 501),
      then: {
        error: 'LIMIT_EXCEEDED',
        details: {
          limitName: 'top_up_daily_max',
          limit: 2_500,
          limitSource: 'account',
          remaining: 500,
        },
      },
    },
    {
      name: 'a limit the account does not set is the default, and the 422 says so',
      given: [open(), { command: limits({ dailyMax: 2_500 }), context: verified }],
      when: topUp('t1', 5_000_001),
      then: {
        error: 'LIMIT_EXCEEDED',
        details: { limitName: 'top_up_single_max', limit: 5_000_000, limitSource: 'default' },
      },
    },
    {
      name: 'a raised account limit lets a top-up above the default through',
      given: [
        open(),
        { command: limits({ singleMax: 9_000_000 }, ADMIN_COMPLIANCE), context: verified },
      ],
      when: topUp('t1', 8_000_000),
      then: { events: [{ type: 'TopUpInitiated' }] },
    },
    {
      name: 'per-currency defaults: a JPY account gets the JPY single max, named as the default',
      given: [open({ currency: 'JPY' })],
      when: topUp('t1', 500_001),
      context: { config: accountConfig({ currencyAmounts: { JPY: { topUpSingleMax: 500_000 } } }) },
      then: {
        error: 'LIMIT_EXCEEDED',
        details: { limitName: 'top_up_single_max', limit: 500_000, limitSource: 'default' },
      },
    },
    {
      name: 'per-currency defaults do not touch accounts in other currencies',
      given: [open({ currency: 'EUR' })],
      when: topUp('t1', 500_001),
      context: { config: accountConfig({ currencyAmounts: { JPY: { topUpSingleMax: 500_000 } } }) },
      then: { events: [{ type: 'TopUpInitiated' }] },
    },
  ];
  it.each(cases)('$name', verify);

  it('replay gives the same limits as the decisions did', () => {
    const { state, events } = given(lowered);
    expect(replay(events, initialState).topUpLimits).toEqual({ singleMax: 1_000, dailyMax: 2_500 });
    expect(state.topUpLimits).toEqual({ singleMax: 1_000, dailyMax: 2_500 });
  });
});
