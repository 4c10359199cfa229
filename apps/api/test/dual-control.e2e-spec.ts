import { operatorCode } from './support/step-up';
import { MASTERCARD, seeder } from './support/seed';
import { BACKENDS, freshId, startTestApi, type TestApi } from './support/test-api';

/** SPEC §3 dual control on the payout card, over HTTP (the security review's findings). */
describe.each(BACKENDS)('dual control on the payout card [%s]', (backend) => {
  let t: TestApi;
  beforeAll(async () => {
    t = await startTestApi(backend);
  });
  afterAll(() => t.close());

  const totp = () => operatorCode(t);
  const evil = { cardNumber: '4000056655665556', holderName: 'MALLORY', bankName: 'Evil Bank' };

  it('an admin alone cannot replace the card: 403 STEP_UP_REQUIRED, problem+json, card unchanged', async () => {
    const id = freshId();
    await seeder(t).ready(id);
    const res = await t.as('admin').put(`/accounts/${id}/bank-card`, evil);
    expect(res.status).toBe(403);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ code: 'STEP_UP_REQUIRED', status: 403 });
    const account = (await t.as('auditor').get(`/accounts/${id}`).expect(200)).body;
    expect(account.bankCard).toMatchObject({ last4: MASTERCARD.slice(-4) });
  });

  it('a refund approved after a card replacement stays approved with the reason shown', async () => {
    const id = freshId();
    const seed = seeder(t);
    await seed.ready(id);
    t.clock.advanceMinutes(1);
    await t
      .as('operator')
      .put(`/accounts/${id}/bank-card`, evil)
      .set('X-Step-Up-Code', await totp())
      .expect(200);
    await seed.refund(id, 'rf-1', 1_000);
    const approved = await t
      .as('approver')
      .post(`/accounts/${id}/refunds/rf-1/approve`, {})
      .expect(200);
    expect(approved.body).toMatchObject({
      status: 'approved',
      payoutHold: { reason: 'card_changed_recently', until: expect.any(String) },
    });
    const notices = await t.ops.notifications.forAccount(id);
    expect(notices.map((n) => n.notification.kind)).toContain('card_changed');
    expect(JSON.stringify(notices)).not.toContain(evil.cardNumber);
  });
});
