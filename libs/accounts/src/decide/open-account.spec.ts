import { verify, type Case } from '../testing/given-when-then';
import { ADMIN, NOW, command, open } from '../testing/fixtures';

const plan = { pricePerCycle: 9_900, cycleDays: 30, cycleStart: '2025-03-01' };

describe('SPEC §1 open account', () => {
  const cases: Case[] = [
    {
      name: 'OpenAccount opens an active account with owner, currency and plan',
      when: open({ plan }),
      then: {
        events: [
          {
            type: 'AccountOpened',
            data: {
              accountId: 'acc-1',
              ownerName: 'Li Wei',
              ownerEmail: 'li.wei@example.com',
              currency: 'CNY',
              plan,
              by: 'op-1',
              at: NOW,
            },
          },
        ],
        state: {
          status: 'active',
          accountId: 'acc-1',
          currency: 'CNY',
          frozen: false,
          plan: { ...plan, creditedCycleIndex: null },
          balance: { available: 0, held: 0, pendingIn: 0 },
          bankCard: null,
        },
      },
    },
    {
      name: 'an admin may open an account; the plan is optional',
      when: open({}, ADMIN),
      then: { events: [{ type: 'AccountOpened', data: { plan: null, by: 'admin-1' } }] },
    },
    {
      name: 'opening an account twice is ACCOUNT_ALREADY_EXISTS',
      given: [open()],
      when: open(),
      then: { error: 'ACCOUNT_ALREADY_EXISTS', details: { accountId: 'acc-1' } },
    },
    {
      name: 'names and emails are trimmed before they are recorded',
      when: open({ ownerName: '  Li Wei ', ownerEmail: ' li.wei@example.com\n' }),
      then: {
        events: [
          {
            type: 'AccountOpened',
            data: { ownerName: 'Li Wei', ownerEmail: 'li.wei@example.com' },
          },
        ],
      },
    },
    {
      name: 'a command for another account than the state’s is ACCOUNT_NOT_FOUND',
      given: [open()],
      when: { ...command('SettleTopUp', { topUpId: 't1' }), accountId: 'acc-2' },
      then: { error: 'ACCOUNT_NOT_FOUND', details: { accountId: 'acc-2' } },
    },
    ...(['RequestRefund', 'Freeze', 'RequestCancellation', 'ExportAccountData'] as const).map(
      (type) => ({
        name: `${type} on an account that was never opened is ACCOUNT_NOT_FOUND`,
        when: {
          RequestRefund: command('RequestRefund', {
            refundId: 'r1',
            amount: 1,
            reason: 'technical_issue',
          }),
          Freeze: command('Freeze', { reason: 'manual', note: 'n' }),
          RequestCancellation: command('RequestCancellation', { reason: 'r' }),
          ExportAccountData: command('ExportAccountData', {}),
        }[type],
        then: { error: 'ACCOUNT_NOT_FOUND' as const },
      }),
    ),
  ];
  it.each(cases)('$name', verify);
});

/** Money and identity rules (SPEC "Money and identity"): every malformed field is a 400. */
describe('SPEC money and identity: validation', () => {
  const invalid = (name: string, when: unknown, field: string): Case => ({
    name,
    when: when as Case['when'],
    then: { error: 'VALIDATION_FAILED', details: { field } },
  });
  const topUp = (amount: unknown) => ({
    ...command('InitiateTopUp', {
      topUpId: 't1',
      amount: 1,
      method: 'card',
      paymentReference: 'p',
    }),
    amount,
  });
  const cases: Case[] = [
    ...[0, -1, 1.5, Number.NaN, Infinity, '100', 2 ** 53, null].map((amount) =>
      invalid(
        `amount ${String(amount)} is VALIDATION_FAILED: amounts are positive safe integers`,
        topUp(amount),
        'amount',
      ),
    ),
    ...['', 'a'.repeat(129), 'a/b', 'a b', 'ü', 7].map((accountId) =>
      invalid(
        `account id ${JSON.stringify(accountId).slice(0, 20)} is VALIDATION_FAILED`,
        { ...open(), accountId },
        'accountId',
      ),
    ),
    invalid(
      'a top-up id with a slash is VALIDATION_FAILED',
      { ...topUp(1), topUpId: 'x/y' },
      'topUpId',
    ),
    ...['eur', 'EUS', 'EURO', ''].map((currency) =>
      invalid(
        `currency ${JSON.stringify(currency)} is VALIDATION_FAILED`,
        open({ currency: currency as 'EUR' }),
        'currency',
      ),
    ),
    invalid(
      'an owner name of only spaces is VALIDATION_FAILED',
      open({ ownerName: '   ' }),
      'ownerName',
    ),
    invalid(
      'an owner name over 200 characters is VALIDATION_FAILED',
      open({ ownerName: 'x'.repeat(201) }),
      'ownerName',
    ),
    invalid(
      'a control character in free text is VALIDATION_FAILED',
      open({ ownerName: 'Li\u0007Wei' }),
      'ownerName',
    ),
    ...[
      'pay 4111-1111-1111-1111 please',
      'pay 4111.1111.1111.1111 please',
      '４１１１１１１１１１１１１１１１',
      '4\u200b111 1111 1111 1111',
    ].map((reason) => ({
      name: `a card number inside free text (${JSON.stringify(reason)}) is CARD_NUMBER_IN_TEXT`,
      when: command('RequestCancellation', { reason }) as Case['when'],
      then: { error: 'CARD_NUMBER_IN_TEXT' as const, details: { field: 'reason' } },
    })),
    ...[
      'refund EUR 0.01 \u202eko 0001 RUE\u202c',
      'a\u2066b\u2069',
      'zero\u200bwidth',
      'joined\u200d',
      'lone \ud800 surrogate',
      'lone \udfff low',
    ].map((note) =>
      invalid(
        `dishonest text ${JSON.stringify(note)} is VALIDATION_FAILED`,
        command('Freeze', { reason: 'manual', note }),
        'note',
      ),
    ),
    ...['.', '..', '...'].map((accountId) =>
      invalid(
        `the id ${JSON.stringify(accountId)} is VALIDATION_FAILED`,
        { ...open(), accountId },
        'accountId',
      ),
    ),
    invalid(
      'an email without a domain is VALIDATION_FAILED',
      open({ ownerEmail: 'li.wei@' }),
      'ownerEmail',
    ),
    invalid(
      'a plan with a zero-day cycle is VALIDATION_FAILED',
      open({ plan: { pricePerCycle: 1, cycleDays: 0, cycleStart: '2025-01-01' } }),
      'plan.cycleDays',
    ),
    invalid(
      'a plan starting on 2025-02-30 is VALIDATION_FAILED',
      open({ plan: { pricePerCycle: 1, cycleDays: 30, cycleStart: '2025-02-30' } }),
      'plan.cycleStart',
    ),
    invalid(
      'a plan with a fractional price is VALIDATION_FAILED',
      open({ plan: { pricePerCycle: 1.5, cycleDays: 30, cycleStart: '2025-01-01' } }),
      'plan.pricePerCycle',
    ),
    invalid(
      'an unknown role is VALIDATION_FAILED',
      { ...open(), actor: { id: 'x', roles: ['root'] } },
      'actor.roles',
    ),
    invalid(
      'an actor id with spaces is VALIDATION_FAILED',
      { ...open(), actor: { id: 'a b', roles: ['admin'] } },
      'actor.id',
    ),
    invalid(
      'an unknown command type is VALIDATION_FAILED',
      { ...open(), type: 'DropTable' },
      'type',
    ),
    invalid('a command that is not an object is VALIDATION_FAILED', 'OpenAccount', 'command'),
    {
      name: 'a malformed context.now is VALIDATION_FAILED',
      when: open(),
      context: { now: '2025-03-10 09:00' },
      then: { error: 'VALIDATION_FAILED', details: { field: 'context.now' } },
    },
    {
      name: 'an id of exactly 128 allowed characters is accepted',
      when: { ...open(), accountId: 'A-z_0.9:'.repeat(16) },
      then: { events: [{ type: 'AccountOpened' }] },
    },
  ];
  it.each(cases)('$name', verify);
});
