import type { Actor, Command, CommandPayloads, CommandType } from '@account-ops/accounts';

/** One step of the demo: a command, time passing, or the deadline scheduler running. */
export type DemoStep =
  | { readonly kind: 'command'; readonly command: Command }
  | { readonly kind: 'advance'; readonly minutes: number }
  | { readonly kind: 'deadlines' };

const actor = (id: string, role: Actor['roles'][number]): Actor => ({ id, roles: [role] });
const MIA = actor('op-mia', 'operator');
const LEO = actor('op-leo', 'operator');
const ANA = actor('fin-ana', 'approver');
const RAJ = actor('fin-raj', 'approver');
const KIM = actor('adm-kim', 'admin');
const GATEWAY = actor('payment-gateway', 'system');
const IDP = actor('identity-provider', 'system');

function on(accountId: string) {
  return <T extends CommandType>(type: T, by: Actor, payload: CommandPayloads[T]): DemoStep => ({
    kind: 'command',
    command: { type, accountId, actor: by, ...payload } as unknown as Command,
  });
}
const wait = (minutes: number): DemoStep => ({ kind: 'advance', minutes });
const HOUR = 60;
const DAY = 24 * HOUR;

/** Public test card numbers (Luhn-valid): only last4, brand and a keyed fingerprint are kept. */
const VISA = '4111111111111111';
const MASTERCARD = '5555555555554444';

function opened(accountId: string, owner: string, email: string, currency: 'EUR' | 'CNY' | 'USD') {
  const run = on(accountId);
  const plan = { pricePerCycle: 3_000, cycleDays: 30, cycleStart: '2026-01-01' };
  return [
    run('OpenAccount', MIA, { ownerName: owner, ownerEmail: email, currency, plan }),
    run('ChangeBankCard', KIM, {
      cardNumber: currency === 'EUR' ? VISA : MASTERCARD,
      holderName: owner.toUpperCase(),
      bankName: 'Example Bank',
    }),
  ];
}

function topUp(accountId: string, topUpId: string, amount: number, settle: boolean | string) {
  const run = on(accountId);
  const paymentReference = `psp-${accountId}-${topUpId}`;
  const steps = [
    run('InitiateTopUp', GATEWAY, { topUpId, amount, method: 'bank_transfer', paymentReference }),
  ];
  if (settle === true) steps.push(run('SettleTopUp', GATEWAY, { topUpId }));
  if (typeof settle === 'string')
    steps.push(run('FailTopUp', GATEWAY, { topUpId, reason: settle }));
  return steps;
}

/**
 * Four accounts over five weeks of January–February 2026: a refund paid out, one waiting
 * for its second approver (its SLA deadline pending), one rejected and one expired by the
 * scheduler; a freeze by failed logins and a manual one; a cancellation whose retention
 * window passes, closing the account and erasing its personal data.
 */
export function demoStory(): DemoStep[] {
  const acme = on('acme-retail');
  const bistro = on('bistro-lumen');
  const cafe = on('cafe-orbit');
  const delta = on('delta-works');
  return [
    ...opened('acme-retail', 'Ada Lovelace', 'ada@acme.example', 'EUR'),
    ...topUp('acme-retail', 't-001', 1_200_000, true),
    wait(30),
    ...topUp('acme-retail', 't-002', 50_000, 'card declined by issuer'),
    acme('RequestRefund', MIA, { refundId: 'rf-001', amount: 12_000, reason: 'duplicate_charge' }),
    wait(2 * HOUR),
    acme('ApproveRefund', ANA, { refundId: 'rf-001', note: 'duplicate confirmed on statement' }),
    wait(HOUR),
    acme('MarkRefundPaidOut', GATEWAY, { refundId: 'rf-001', payoutReference: 'po-88121' }),
    ...opened('bistro-lumen', 'Grace Hopper', 'grace@bistro.example', 'EUR'),
    ...topUp('bistro-lumen', 't-001', 50_000, true),
    ...Array.from({ length: 5 }, () => bistro('RecordFailedLogin', IDP, {})),
    wait(20),
    bistro('Freeze', KIM, { reason: 'manual', note: 'chargeback investigation #4471' }),
    bistro('ResetPassword', IDP, {}),
    ...opened('cafe-orbit', 'Li Wei', 'li.wei@cafe.example', 'CNY'),
    ...topUp('cafe-orbit', 't-001', 30_000, true),
    cafe('RequestRefund', LEO, {
      refundId: 'rf-101',
      amount: 5_000,
      reason: 'other',
      note: 'goodwill',
    }),
    wait(DAY),
    cafe('RejectRefund', RAJ, { refundId: 'rf-101', reason: 'not covered by the goodwill policy' }),
    cafe('RequestCancellation', KIM, { reason: 'moving to another provider' }),
    wait(HOUR),
    cafe('ConfirmCancellation', KIM, { note: 'final statement sent' }),
    ...opened('delta-works', 'Alan Turing', 'alan@delta.example', 'USD'),
    ...topUp('delta-works', 't-001', 20_000, true),
    ...topUp('delta-works', 't-002', 7_500, false),
    delta('RequestRefund', MIA, { refundId: 'rf-201', amount: 2_000, reason: 'technical_issue' }),
    wait(31 * DAY),
    { kind: 'deadlines' },
    acme('RequestRefund', LEO, { refundId: 'rf-002', amount: 800_000, reason: 'price_change' }),
    wait(3 * HOUR),
    acme('ApproveRefund', ANA, { refundId: 'rf-002', note: 'first approval' }),
  ];
}
