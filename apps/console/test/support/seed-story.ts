import { apiAs } from './http';
import { PEOPLE, type Person } from './story';

export const OWNER = { name: 'Ada Lovelace', email: 'ada.lovelace@example.com' };

/**
 * Accounts the story needs, made over HTTP as the people who would make them; the admin
 * with a token from a sign-in with MFA (every card change needs a second factor).
 */
export async function seedStory(baseUrl: string, adminToken: string) {
  const as = (person: Person) => apiAs(baseUrl, PEOPLE[person].key);
  const op = as('operator');
  const admin = apiAs(baseUrl, adminToken);
  const gateway = as('gateway');
  const open = (accountId: string) =>
    op.post('/accounts', {
      accountId,
      ownerName: OWNER.name,
      ownerEmail: OWNER.email,
      currency: 'EUR',
    });
  const ready = async (accountId: string, amount: number) => {
    await open(accountId);
    await admin.put(`/accounts/${accountId}/bank-card`, {
      cardNumber: '4111111111111111',
      holderName: 'ADA LOVELACE',
      bankName: 'Example Bank',
    });
    const topUpId = `tu-${accountId}`;
    await gateway.post(`/accounts/${accountId}/top-ups`, {
      topUpId,
      amount,
      method: 'bank_transfer',
      paymentReference: `BANK-${accountId}`,
    });
    await gateway.post(`/accounts/${accountId}/top-ups/${topUpId}/settle`);
  };
  const refund = (by: Person, accountId: string, refundId: string, amount: number) =>
    as(by).post(`/accounts/${accountId}/refunds`, { refundId, amount, reason: 'technical_issue' });

  // Eleven small refunds requested first: the queue has two pages, these on the first.
  await ready('acc-many', 100_000);
  for (let i = 1; i <= 11; i++) await refund('operator', 'acc-many', `rf-many-${i}`, 100 * i);

  await ready('acc-7', 50_000);
  await ready('acc-aud', 10_000);
  await refund('operator', 'acc-aud', 'rf-aud', 2_500);
  await ready('acc-mc', 10_000);
  await refund('makerChecker', 'acc-mc', 'rf-mc', 3_000);
  await ready('acc-busy', 10_000);
  await refund('operator', 'acc-busy', 'rf-busy', 2_000);
  await ready('acc-kb', 50_000);
  await refund('operator', 'acc-kb', 'rf-kb', 15_000);
  await ready('acc-tamper', 10_000);

  await ready('acc-frozen', 10_000);
  await admin.post('/accounts/acc-frozen/freezes', {
    reason: 'manual',
    note: 'chargeback investigation',
  });
  for (let i = 0; i < 5; i++) await gateway.post('/accounts/acc-frozen/login-failures');
  await open('acc-overdue');
  await gateway.post('/accounts/acc-overdue/overdue', { note: 'invoice 2026-02 unpaid' });

  await open('acc-closing');
  await admin.post('/accounts/acc-closing/cancellation', { reason: 'moving abroad' });
  await admin.post('/accounts/acc-closing/cancellation/confirm');

  await open('acc-pending');
  await gateway.post('/accounts/acc-pending/top-ups', {
    topUpId: 'tu-slow',
    amount: 7_500,
    method: 'third_party',
    paymentReference: 'GATEWAY-SLOW-1',
  });
  return { as };
}
