import { at, given, verify, type Case } from '../testing/given-when-then';
import { AUDITOR, ADMIN, command, funded } from '../testing/fixtures';
import { freezeFor } from '../testing/freeze-signals';
import {
  afterRetention,
  cancelled,
  close,
  confirm,
  reactivate,
  request,
} from '../testing/cancellation-fixtures';

const freeze = freezeFor('manual');

describe('SPEC §6 retention, reactivation and closing', () => {
  const cases: Case[] = [
    {
      name: 'ReactivateAccount during retention restores the account with its data',
      given: cancelled,
      when: reactivate,
      then: {
        events: [{ type: 'AccountReactivated', data: { note: 'customer came back' } }],
        state: {
          status: 'active',
          retentionUntil: null,
          owner: { name: 'Li Wei' },
          bankCard: { last4: '1111' },
          topUps: { seed: { status: 'settled' } },
        },
      },
    },
    {
      name: 'ReactivateAccount while frozen is ACCOUNT_FROZEN',
      given: [...cancelled, freeze],
      when: reactivate,
      then: { error: 'ACCOUNT_FROZEN', details: { reasons: ['manual'] } },
    },
    {
      name: 'ReactivateAccount of an active account is INVALID_TRANSITION',
      given: funded(),
      when: reactivate,
      then: { error: 'INVALID_TRANSITION', details: { current: 'active' } },
    },
    {
      name: 'cancelling again in the same plan cycle credits nothing more',
      given: [...cancelled, reactivate, request],
      when: confirm,
      then: {
        events: [
          {
            type: 'FinalStatementIssued',
            data: { proratedCredit: 0, amountDue: 0, cycleIndex: 0 },
          },
          { type: 'CancellationConfirmed' },
        ],
      },
    },
    {
      name: 'CloseAccount after the retention window closes the account and erases personal data',
      given: cancelled,
      when: close,
      context: afterRetention,
      then: {
        events: [
          {
            type: 'AccountClosed',
            data: { personalDataErased: true, retentionUntil: '2025-04-09T09:00:00.000Z' },
          },
        ],
        state: {
          status: 'closed',
          owner: null,
          bankCard: { holderName: null, last4: '1111' },
          topUps: { seed: { amount: 5_000 } },
        },
      },
    },
    {
      name: 'CloseAccount before the retention window has passed is DEADLINE_NOT_REACHED',
      given: cancelled,
      when: close,
      context: { now: '2025-04-09T08:59:59.999Z' },
      then: {
        error: 'DEADLINE_NOT_REACHED',
        details: { deadline: 'retention_expiry', dueAt: '2025-04-09T09:00:00.000Z' },
      },
    },
    {
      name: 'a stale CloseAccount after reactivation does nothing',
      given: [...cancelled, reactivate],
      when: close,
      context: afterRetention,
      then: { events: [] },
    },
    {
      name: 'CloseAccount proceeds while frozen: the retention timer fires once',
      given: [...cancelled, freeze],
      when: close,
      context: afterRetention,
      then: { events: [{ type: 'AccountClosed' }], state: { status: 'closed', frozen: true } },
    },
    {
      name: 'closed is terminal: reactivation is INVALID_TRANSITION',
      given: [...cancelled, at(afterRetention.now, close)],
      when: reactivate,
      context: afterRetention,
      then: { error: 'INVALID_TRANSITION', details: { current: 'closed' } },
    },
    {
      name: 'a second CloseAccount on a closed account does nothing',
      given: [...cancelled, at(afterRetention.now, close)],
      when: close,
      context: afterRetention,
      then: { events: [] },
    },
    ...[
      ['before cancellation', funded()],
      ['during retention', cancelled],
      ['after closing', [...cancelled, at(afterRetention.now, close)]],
    ].flatMap(([when, history]) =>
      [ADMIN, AUDITOR].map((by) => ({
        name: `ExportAccountData by the ${by.roles[0]} role is authorised ${when as string} and writes no events`,
        given: history as Case['given'],
        when: command('ExportAccountData', {}, by),
        context: afterRetention,
        then: { events: [] },
      })),
    ),
  ];
  it.each(cases)('$name', verify);

  it('closing keeps the financial history: the balance and every top-up and refund survive', () => {
    const { state } = given([...cancelled, at(afterRetention.now, close)]);
    expect(state.topUps.seed).toMatchObject({ amount: 5_000, status: 'settled' });
    expect(state.balance).toEqual({ available: 0, held: 0, pendingIn: 0 });
    expect(JSON.stringify(state)).not.toMatch(/Li Wei|li\.wei@example\.com|LI WEI/);
  });
});
