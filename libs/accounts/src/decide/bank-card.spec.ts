import { decide } from './decide';
import { DomainError } from '../errors/domain-error';
import { given, verify, type Case } from '../testing/given-when-then';
import {
  ADMIN,
  AMEX,
  MASTERCARD,
  OPERATOR,
  VISA,
  approve,
  card,
  command,
  context,
  fingerprint,
  funded,
  open,
  refund,
} from '../testing/fixtures';
import { freezeFor } from '../testing/freeze-signals';

const overdue = command('MarkPaymentOverdue', { note: 'invoice 42 unpaid' });
const manual = freezeFor('manual');

describe('SPEC §3 bank-card change', () => {
  const cases: Case[] = [
    {
      name: 'ChangeBankCard keeps last4, brand and a keyed fingerprint, never the PAN',
      given: [open()],
      when: card(MASTERCARD),
      then: {
        events: [
          {
            type: 'BankCardChanged',
            data: {
              last4: '4444',
              brand: 'mastercard',
              fingerprint: fingerprint(MASTERCARD),
              holderName: 'LI WEI',
              previousFingerprint: null,
            },
          },
        ],
        state: { bankCard: { last4: '4444', brand: 'mastercard', bankName: 'Example Bank' } },
      },
    },
    {
      name: 'the previous fingerprint lets auditors tell that the card changed',
      given: [open(), card(VISA)],
      when: card(AMEX),
      then: {
        events: [
          {
            type: 'BankCardChanged',
            data: { brand: 'amex', last4: '0005', previousFingerprint: fingerprint(VISA) },
          },
        ],
      },
    },
    {
      name: 'an operator without a verified second factor is STEP_UP_REQUIRED',
      given: [open()],
      when: card(VISA, OPERATOR),
      context: { stepUpVerified: false },
      then: { error: 'STEP_UP_REQUIRED', details: { command: 'ChangeBankCard' } },
    },
    {
      name: 'an operator with a verified second factor may change the card',
      given: [open()],
      when: card(VISA, OPERATOR),
      context: { stepUpVerified: true },
      then: { events: [{ type: 'BankCardChanged', data: { stepUpVerified: true } }] },
    },
    {
      name: 'an admin without a verified second factor is STEP_UP_REQUIRED (dual control, SPEC §3)',
      given: [open(), card(MASTERCARD)],
      when: card(VISA, ADMIN),
      context: { stepUpVerified: false },
      then: { error: 'STEP_UP_REQUIRED', details: { command: 'ChangeBankCard' } },
    },
    {
      name: 'an admin setting the first card of an account without a second factor is STEP_UP_REQUIRED',
      given: [open()],
      when: card(VISA, ADMIN),
      context: { stepUpVerified: false },
      then: { error: 'STEP_UP_REQUIRED', details: { command: 'ChangeBankCard' } },
    },
    {
      name: 'an admin entering the same card again without a second factor is STEP_UP_REQUIRED',
      given: [open(), card(VISA)],
      when: card(VISA, ADMIN),
      context: { stepUpVerified: false },
      then: { error: 'STEP_UP_REQUIRED', details: { command: 'ChangeBankCard' } },
    },
    {
      name: 'an operator setting the first card without a second factor is STEP_UP_REQUIRED',
      given: [open()],
      when: card(VISA, OPERATOR),
      context: { stepUpVerified: false },
      then: { error: 'STEP_UP_REQUIRED', details: { command: 'ChangeBankCard' } },
    },
    {
      name: 'an operator replacing a card without a second factor is STEP_UP_REQUIRED',
      given: [open(), card(MASTERCARD)],
      when: card(VISA, OPERATOR),
      context: { stepUpVerified: false },
      then: { error: 'STEP_UP_REQUIRED', details: { command: 'ChangeBankCard' } },
    },
    {
      name: 'an admin with a verified second factor may change the card',
      given: [open()],
      when: card(VISA, ADMIN),
      context: { stepUpVerified: true },
      then: { events: [{ type: 'BankCardChanged', data: { stepUpVerified: true } }] },
    },
    {
      name: 'ChangeBankCard is refused while a refund payout is in flight: PAYOUT_IN_FLIGHT',
      given: [...funded(), refund('r1', 100), approve('r1')],
      when: card(MASTERCARD),
      then: { error: 'PAYOUT_IN_FLIGHT', details: { refundIds: ['r1'] } },
    },
    {
      name: 'after a failed payout the card may be changed, so the retry goes to the new card',
      given: [
        ...funded(),
        refund('r1', 100),
        approve('r1'),
        command('MarkRefundPayoutFailed', { refundId: 'r1', reason: 'invalid account' }),
      ],
      when: card(MASTERCARD),
      then: { events: [{ type: 'BankCardChanged' }] },
    },
    {
      name: 'ChangeBankCard while frozen for overdue payment is allowed and lifts that reason',
      given: [open(), overdue],
      when: card(MASTERCARD),
      then: {
        events: [
          { type: 'BankCardChanged' },
          { type: 'FreezeLifted', data: { reason: 'overdue_payment', trigger: 'ChangeBankCard' } },
        ],
        state: { frozen: false, freezeReasons: [] },
      },
    },
    {
      name: 'ChangeBankCard while frozen for another reason is ACCOUNT_FROZEN',
      given: [open(), manual],
      when: card(MASTERCARD),
      then: { error: 'ACCOUNT_FROZEN', details: { reasons: ['manual'] } },
    },
    {
      name: 'ChangeBankCard while frozen for overdue payment and another reason is ACCOUNT_FROZEN',
      given: [open(), overdue, manual],
      when: card(MASTERCARD),
      then: { error: 'ACCOUNT_FROZEN', details: { reasons: ['overdue_payment', 'manual'] } },
    },
    {
      name: 'ChangeBankCard during cancellation_requested is allowed (the final payout needs a card)',
      given: [open(), command('RequestCancellation', { reason: 'closing the business' })],
      when: card(MASTERCARD),
      then: { events: [{ type: 'BankCardChanged' }] },
    },
    {
      name: 'ChangeBankCard on a cancelled account is INVALID_TRANSITION',
      given: [
        open(),
        command('RequestCancellation', { reason: 'closing' }),
        command('ConfirmCancellation', {}),
      ],
      when: card(MASTERCARD),
      then: { error: 'INVALID_TRANSITION', details: { current: 'cancelled' } },
    },
    {
      name: 'a fingerprint function that returns the PAN is refused',
      given: [open()],
      when: card(VISA),
      context: { fingerprintCard: (pan: string) => `x${pan}x` },
      then: { error: 'VALIDATION_FAILED', details: { field: 'context.fingerprintCard' } },
    },
  ];
  // Every card change needs the second factor; the cases about other rules have it.
  it.each(cases.map((c) => ({ ...c, context: { stepUpVerified: true, ...c.context } })))(
    '$name',
    verify,
  );

  const badPans = [
    ['letters', '4111a11111111111'],
    ['spaces', '4111 1111 1111 1111'],
    ['11 digits', '41111111116'],
    ['20 digits', '41111111111111111113'],
    ['a failed Luhn check', '4111111111111112'],
  ];
  it.each(badPans)('a PAN with %s is VALIDATION_FAILED and the error never echoes it', (_, pan) => {
    const { state } = given([open()]);
    let thrown: unknown;
    try {
      decide(state, card(pan), context());
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(DomainError);
    const error = thrown as DomainError;
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.details).toMatchObject({ field: 'cardNumber' });
    expect(`${error.message} ${JSON.stringify(error.toJSON())}`).not.toContain(pan);
  });

  it('the PAN appears nowhere in the events or the state', () => {
    const { state, events } = given([...funded(), card(MASTERCARD)]);
    expect(JSON.stringify(events)).not.toMatch(/4111111111111111|5555555555554444/);
    expect(JSON.stringify(state)).not.toMatch(/4111111111111111|5555555555554444/);
  });
});
