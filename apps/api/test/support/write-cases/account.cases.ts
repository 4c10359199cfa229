import { VISA } from '../seed';
import { a, open, conflict, openBody, type WriteCase } from './shared';

/** Opening an account and changing its card. */
export const ACCOUNT_CASES: readonly WriteCase[] = [
  {
    route: 'openAccount',
    by: 'operator',
    setup: async () => undefined,
    path: () => '/accounts',
    body: openBody,
    expect: (b) =>
      expect(b).toMatchObject({ status: 'active', currency: 'EUR', version: 1, frozen: false }),
    invalid: [
      { body: { ...openBody('x-1'), currency: 'EURO' }, field: 'currency' },
      { body: { ...openBody('x-1'), ownerEmail: 'not-an-email' }, field: 'ownerEmail' },
      { body: { ...openBody('x-1'), ownerName: '   ' }, field: 'ownerName' },
      { body: { ...openBody('x-1'), ownerName: 'Ada\u0007' }, field: 'ownerName' },
      { body: { ...openBody('x-1'), ownerName: 'A'.repeat(201) }, field: 'ownerName' },
      { body: { ...openBody('x-1'), accountId: 'bad id!' }, field: 'accountId' },
      { body: { ...openBody('x-1'), accountId: 'a'.repeat(129) }, field: 'accountId' },
      { body: { ...openBody('x-1'), plan: 'monthly' }, field: 'plan' },
      {
        body: {
          ...openBody('x-1'),
          plan: { pricePerCycle: 1.5, cycleDays: 30, cycleStart: '2026-03-01' },
        },
        field: 'plan.pricePerCycle',
      },
      {
        body: {
          ...openBody('x-1'),
          plan: { pricePerCycle: 100, cycleDays: 400, cycleStart: '2026-03-01' },
        },
        field: 'plan.cycleDays',
      },
      {
        body: {
          ...openBody('x-1'),
          plan: { pricePerCycle: 100, cycleDays: 30, cycleStart: '2026-02-30' },
        },
        field: 'plan.cycleStart',
      },
      { body: { ...openBody('x-1'), role: 'admin' }, field: 'role' },
      // Keys named after Object.prototype members slip past class-transformer: refused too.
      { body: { ...openBody('x-1'), constructor: 'x' }, field: 'constructor' },
      {
        body: {
          ...openBody('x-1'),
          plan: { pricePerCycle: 100, cycleDays: 30, cycleStart: '2026-03-01', valueOf: 1 },
        },
        field: 'plan.valueOf',
      },
    ],
    again: conflict('ACCOUNT_ALREADY_EXISTS'),
  },
  {
    route: 'changeBankCard',
    by: 'operator',
    secondFactor: true,
    setup: open,
    path: (id) => `${a(id)}/bank-card`,
    body: () => ({ cardNumber: VISA, holderName: 'ADA LOVELACE', bankName: 'Example Bank' }),
    expect: (b) =>
      expect(b.bankCard).toMatchObject({ last4: '1111', brand: 'visa', bankName: 'Example Bank' }),
    invalid: [
      {
        body: { cardNumber: '4111 1111 1111 1111', holderName: 'A', bankName: 'B' },
        field: 'cardNumber',
      },
      {
        body: { cardNumber: '4111111111111112', holderName: 'A', bankName: 'B' },
        field: 'cardNumber',
      },
      {
        body: { cardNumber: 4111111111111111, holderName: 'A', bankName: 'B' },
        field: 'cardNumber',
      },
      { body: { cardNumber: VISA, bankName: 'B' }, field: 'holderName' },
      { body: { cardNumber: VISA, holderName: 'A', bankName: 'B', cvv: '123' }, field: 'cvv' },
    ],
    again: { status: 200 },
  },
];
