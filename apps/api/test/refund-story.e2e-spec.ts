import { VISA } from './support/seed';
import { nextOperatorCode, operatorCode } from './support/step-up';
import { BACKENDS, freshId, startTestApi, type TestApi } from './support/test-api';

describe.each(BACKENDS)('refund story over HTTP [%s]', (backend) => {
  let t: TestApi;
  beforeAll(async () => {
    t = await startTestApi(backend);
  });
  afterAll(() => t.close());

  const totp = () => operatorCode(t);
  const account = async (id: string) =>
    (await t.as('auditor').get(`/accounts/${id}`).expect(200)).body;
  const eventTypes = async (id: string) =>
    (await t.as('auditor').get(`/accounts/${id}/events?limit=1000`).expect(200)).body.items.map(
      (e: { type: string }) => e.type,
    );

  it('a large refund: step-up card change, top-up, two approvers, a failed payout, retry, paid', async () => {
    const id = freshId();
    const a = `/accounts/${id}`;
    await t
      .as('operator')
      .post('/accounts', {
        accountId: id,
        ownerName: 'Ada Lovelace',
        ownerEmail: 'ada@example.com',
        currency: 'EUR',
      })
      .expect(201);

    // An operator changes the card only with a second factor, and a code works once.
    const card = { cardNumber: VISA, holderName: 'ADA LOVELACE', bankName: 'Example Bank' };
    const noCode = await t.as('operator').put(`${a}/bank-card`, card);
    expect([noCode.status, noCode.body.code]).toEqual([403, 'STEP_UP_REQUIRED']);
    const code = await totp();
    await t.as('operator').put(`${a}/bank-card`, card).set('X-Step-Up-Code', code).expect(200);
    const replayed = await t.as('operator').put(`${a}/bank-card`, card).set('X-Step-Up-Code', code);
    expect([replayed.status, replayed.body.code]).toEqual([403, 'STEP_UP_REQUIRED']);

    await t
      .as('system')
      .post(`${a}/top-ups`, {
        topUpId: 'tu-1',
        amount: 800_000,
        method: 'third_party',
        paymentReference: 'alipay-1',
      })
      .expect(201);
    await t.as('system').post(`${a}/top-ups/tu-1/settle`).expect(202);
    expect((await account(id)).balance).toEqual({ available: 800_000, held: 0, pendingIn: 0 });

    const refund = {
      refundId: 'rf-big',
      amount: 600_000,
      reason: 'service_unsatisfactory',
      note: 'outage',
    };
    const requested = await t.as('operator').post(`${a}/refunds`, refund).expect(201);
    expect(requested.body).toMatchObject({
      status: 'requested',
      balance: { available: 200_000, held: 600_000 },
    });

    const r = `${a}/refunds/rf-big`;
    const first = await t
      .as('approver')
      .post(`${r}/approve`, { note: 'invoice checked' })
      .expect(200);
    expect(first.body).toMatchObject({ status: 'partially_approved', approvedBy: ['ap-1'] });
    const twice = await t.as('approver').post(`${r}/approve`, {});
    expect([twice.status, twice.body.code, twice.body.details.rule]).toEqual([
      422,
      'MAKER_CHECKER_VIOLATION',
      'approver_already_approved',
    ]);
    const second = await t
      .as('approver2')
      .post(`${r}/approve`, { note: 'second pair of eyes' })
      .expect(200);
    expect(second.body).toMatchObject({ status: 'payout_pending', approvedBy: ['ap-1', 'ap-2'] });

    // The money must not be redirected while the payout is on its way.
    const redirect = await t
      .as('operator')
      .put(`${a}/bank-card`, { ...card, cardNumber: '5555555555554444' })
      .set('X-Step-Up-Code', await nextOperatorCode(t));
    expect([redirect.status, redirect.body.code]).toEqual([409, 'PAYOUT_IN_FLIGHT']);

    await t
      .as('system')
      .post(`${r}/payout-failed`, { reason: 'beneficiary bank offline' })
      .expect(202);
    expect((await account(id)).balance).toEqual({
      available: 200_000,
      held: 600_000,
      pendingIn: 0,
    });
    await t.as('approver').post(`${r}/retry-payout`, { note: 'bank is back' }).expect(200);
    const paid = await t
      .as('system')
      .post(`${r}/payout-succeeded`, { payoutReference: 'po-77' })
      .expect(202);
    expect(paid.body).toMatchObject({
      status: 'paid',
      balance: { available: 200_000, held: 0, pendingIn: 0 },
    });

    const state = await account(id);
    expect(state.refunds).toEqual([
      expect.objectContaining({ refundId: 'rf-big', status: 'paid', payoutAttempts: 2 }),
    ]);
    expect(state.bankCard).toMatchObject({ last4: '1111', brand: 'visa' });
    expect(await eventTypes(id)).toEqual([
      'AccountOpened',
      'BankCardChanged',
      'TopUpInitiated',
      'TopUpSettled',
      'RefundRequested',
      'RefundApproved',
      'RefundApproved',
      'RefundPayoutStarted',
      'RefundPayoutFailed',
      'RefundPayoutRetried',
      'RefundPaidOut',
    ]);
    expect((await t.as('auditor').get(`${a}/verify`).expect(200)).body).toEqual({
      accountId: id,
      ok: true,
      checked: 11,
    });
  });

  it('maker-checker: one person holding both roles cannot approve their own refund', async () => {
    const id = freshId();
    await t.as('operator').post('/accounts', {
      accountId: id,
      ownerName: 'B',
      ownerEmail: 'b@example.com',
      currency: 'USD',
    });
    await t.as('system').post(`/accounts/${id}/top-ups`, {
      topUpId: 't',
      amount: 1_000,
      method: 'card',
      paymentReference: 'p',
    });
    await t.as('system').post(`/accounts/${id}/top-ups/t/settle`).expect(202);
    await t
      .as('operator')
      .put(`/accounts/${id}/bank-card`, { cardNumber: VISA, holderName: 'B', bankName: 'Bank' })
      .set('X-Step-Up-Code', await nextOperatorCode(t))
      .expect(200);
    const request = await t
      .as('makerChecker')
      .post(`/accounts/${id}/refunds`, { refundId: 'r', amount: 100, reason: 'duplicate_charge' });
    expect([request.status, request.body.code]).toEqual([201, undefined]);
    const own = await t.as('makerChecker').post(`/accounts/${id}/refunds/r/approve`, {});
    expect([own.status, own.body.code, own.body.details.rule]).toEqual([
      422,
      'MAKER_CHECKER_VIOLATION',
      'approver_is_requester',
    ]);
  });
});
