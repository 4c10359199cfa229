import { VISA } from './support/seed';
import { operatorCode } from './support/step-up';
import { BACKENDS, freshId, startTestApi, type TestApi } from './support/test-api';

describe.each(BACKENDS)('cancellation story over HTTP [%s]', (backend) => {
  let t: TestApi;
  beforeAll(async () => {
    t = await startTestApi(backend);
  });
  afterAll(() => t.close());

  const account = async (id: string) =>
    (await t.as('auditor').get(`/accounts/${id}`).expect(200)).body;

  it('cancellation: blocked, withdrawn, confirmed with a final statement, exported, closed after retention', async () => {
    const id = freshId();
    const a = `/accounts/${id}`;
    const plan = { pricePerCycle: 3_000, cycleDays: 30, cycleStart: '2026-03-01' };
    await t
      .as('operator')
      .post('/accounts', {
        accountId: id,
        ownerName: 'Grace Hopper',
        ownerEmail: 'grace@example.com',
        currency: 'EUR',
        plan,
      })
      .expect(201);
    await t
      .as('operator')
      .put(`${a}/bank-card`, { cardNumber: VISA, holderName: 'GRACE HOPPER', bankName: 'Navy FCU' })
      .set('X-Step-Up-Code', await operatorCode(t))
      .expect(200);
    await t
      .as('system')
      .post(`${a}/top-ups`, {
        topUpId: 't1',
        amount: 10_000,
        method: 'bank_transfer',
        paymentReference: 'wire-1',
      })
      .expect(201);
    await t.as('system').post(`${a}/top-ups/t1/settle`).expect(202);
    await t
      .as('system')
      .post(`${a}/top-ups`, {
        topUpId: 't2',
        amount: 5_000,
        method: 'card',
        paymentReference: 'card-2',
      })
      .expect(201);
    await t
      .as('admin')
      .post(`${a}/freezes`, { reason: 'manual', note: 'chargeback inquiry' })
      .expect(201);

    const blocked = await t.as('admin').post(`${a}/cancellation`, { reason: 'moving abroad' });
    expect([blocked.status, blocked.body.code]).toEqual([409, 'CANCELLATION_BLOCKED']);
    expect(blocked.body.details.blockers.map((b: { kind: string }) => b.kind).sort()).toEqual([
      'frozen',
      'pending_top_ups',
    ]);

    await t.as('admin').delete(`${a}/freezes/manual`, { note: 'inquiry closed' }).expect(200);
    await t.as('system').post(`${a}/top-ups/t2/fail`, { reason: 'card expired' }).expect(202);
    await t.as('admin').post(`${a}/cancellation`, { reason: 'moving abroad' }).expect(201);
    const withdrawn = await t
      .as('admin')
      .delete(`${a}/cancellation`, { note: 'changed their mind' })
      .expect(200);
    expect(withdrawn.body.status).toBe('active');
    await t
      .as('admin')
      .post(`${a}/cancellation`, { reason: 'moving abroad, for real' })
      .expect(201);

    const confirmed = await t
      .as('admin')
      .post(`${a}/cancellation/confirm`, { note: 'final' })
      .expect(200);
    expect(confirmed.body).toMatchObject({
      status: 'cancelled',
      balance: { available: 0, held: 0, pendingIn: 0 },
    });
    expect(confirmed.body.retentionUntil).toBe('2026-04-01T09:00:00.000Z');
    const events = (await t.as('auditor').get(`${a}/events?limit=100`).expect(200)).body.items;
    const statement = events.find((e: { type: string }) => e.type === 'FinalStatementIssued').data;
    expect(statement.availableBefore).toBe(10_000);
    expect(statement.amountDue).toBe(10_000 + statement.proratedCredit);
    expect(events.find((e: { type: string }) => e.type === 'FinalPayoutIssued').data.amount).toBe(
      statement.amountDue,
    );

    const exported = await t.as('auditor').get(`${a}/export`).expect(200);
    expect(exported.body).toMatchObject({
      exportedBy: 'au-1',
      account: { status: 'cancelled', owner: { name: 'Grace Hopper' } },
    });
    expect(exported.body.events).toHaveLength(events.length);
    expect(exported.body.verification).toMatchObject({ ok: true, checked: events.length });

    const early = await t.as('admin').post(`${a}/reactivation`, {}).expect(200);
    expect(early.body.status).toBe('active');
    await t.as('admin').post(`${a}/cancellation`, { reason: 'leaving' }).expect(201);
    await t.as('admin').post(`${a}/cancellation/confirm`, {}).expect(200);

    // The retention window passes: the durable deadline closes the account and shreds its personal data.
    t.clock.advanceDays(31);
    await t.ops.deadlines.runDue();
    const closed = await account(id);
    expect(closed).toMatchObject({ status: 'closed', owner: null, closedAt: expect.any(String) });
    const late = await t.as('admin').post(`${a}/reactivation`, {});
    expect([late.status, late.body.code]).toEqual([409, 'INVALID_TRANSITION']);
    const after = await t.as('admin').get(`${a}/export`).expect(200);
    expect(after.body.verification.ok).toBe(true);
    expect(JSON.stringify(after.body)).not.toContain('Grace Hopper');
  });
});
