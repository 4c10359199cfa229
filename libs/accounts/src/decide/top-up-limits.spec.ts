import { accountConfig } from '../config/account-config';
import { at, verify, type Case } from '../testing/given-when-then';
import { command, open, settle, topUp } from '../testing/fixtures';

const limits = (remaining: number, limitName = 'top_up_daily_max') => ({ limitName, remaining });

describe('SPEC §2 top-up limits', () => {
  const fourMax = ['a', 'b', 'c', 'd'].map((id) => topUp(id, 5_000_000));
  const cases: Case[] = [
    {
      name: 'a top-up of exactly the single max is accepted',
      given: [open()],
      when: topUp('t1', 5_000_000),
      then: { events: [{ type: 'TopUpInitiated' }] },
    },
    {
      name: 'a top-up above the single max is LIMIT_EXCEEDED with the limit and remaining',
      given: [open()],
      when: topUp('t1', 5_000_001),
      then: {
        error: 'LIMIT_EXCEEDED',
        details: {
          limitName: 'top_up_single_max',
          limit: 5_000_000,
          remaining: 5_000_000,
          requested: 5_000_001,
        },
      },
    },
    {
      name: 'the daily total may reach the daily max exactly',
      given: [open(), ...fourMax.slice(0, 3)],
      when: topUp('d', 5_000_000),
      then: { events: [{ type: 'TopUpInitiated' }] },
    },
    {
      name: 'a top-up past the daily max is LIMIT_EXCEEDED with remaining 0',
      given: [open(), ...fourMax],
      when: topUp('e', 1),
      then: { error: 'LIMIT_EXCEEDED', details: { ...limits(0), limit: 20_000_000, requested: 1 } },
    },
    {
      name: 'remaining is the largest top-up that would still pass today',
      given: [open(), ...fourMax.slice(0, 3), topUp('d', 3_000_000)],
      when: topUp('e', 2_000_001),
      then: { error: 'LIMIT_EXCEEDED', details: limits(2_000_000) },
    },
    {
      name: 'failed top-ups do not count towards the daily max',
      given: [open(), ...fourMax, command('FailTopUp', { topUpId: 'a', reason: 'bounced' })],
      when: topUp('e', 5_000_000),
      then: { events: [{ type: 'TopUpInitiated' }] },
    },
    {
      name: 'pending and settled top-ups both count towards the daily max',
      given: [open(), ...fourMax, settle('a')],
      when: topUp('e', 1),
      then: { error: 'LIMIT_EXCEEDED', details: limits(0) },
    },
    {
      name: 'the daily max resets at midnight UTC',
      given: [
        at('2025-03-09T00:00:00Z', open()),
        ...fourMax.map((c) => at('2025-03-09T23:59:59.999Z', c)),
      ],
      when: topUp('e', 5_000_000),
      context: { now: '2025-03-10T00:00:00.000Z' },
      then: { events: [{ type: 'TopUpInitiated' }] },
    },
    {
      name: 'limits are configurable per deployment',
      given: [open()],
      when: topUp('t1', 101),
      context: { config: accountConfig({ topUpSingleMax: 100 }) },
      then: { error: 'LIMIT_EXCEEDED', details: { limitName: 'top_up_single_max', limit: 100 } },
    },
  ];
  it.each(cases)('$name', verify);
});
