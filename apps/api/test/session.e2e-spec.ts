import { generate } from 'otplib';
import { ROUTES } from '../src/routes/route-table';
import { ACTORS, OPERATOR_TOTP_SECRET } from './support/actors';
import { seeder } from './support/seed';
import { freshId, startTestApi, type TestApi } from './support/test-api';

describe('GET /me: who the key is', () => {
  let t: TestApi;
  beforeAll(async () => {
    t = await startTestApi('sqlite', { accountConfig: { refundApprovalStepUpAbove: 10_000 } });
  });
  afterAll(() => t.close());

  it('names the actor and roles, the routes its roles pass, and when a code is needed', async () => {
    const res = await t.as('operator').get('/me').expect(200);
    expect(res.body).toMatchObject({ actorId: 'op-1', roles: ['operator'], secondFactor: true });
    expect(res.body.routes).toEqual(
      expect.arrayContaining(['getAccount', 'requestRefund', 'changeBankCard', 'opsRefunds']),
    );
    expect(res.body.routes).not.toContain('approveRefund');
    expect(res.body.routes).not.toContain('listEvents');
    expect(res.body.stepUp).toEqual({
      changeBankCard: 'always',
      initiateTopUp: { above: 1_000_000 },
    });
  });

  it('lists only routes whose roles include one of the caller’s', async () => {
    for (const name of ['approver', 'auditor', 'admin', 'makerChecker'] as const) {
      const { body } = await t.as(name).get('/me').expect(200);
      for (const route of body.routes as (keyof typeof ROUTES)[]) {
        const roles = ROUTES[route].roles as readonly string[];
        expect({ route, allowed: ACTORS[name].roles.some((r) => roles.includes(r)) }).toEqual({
          route,
          allowed: true,
        });
      }
    }
    const approver = (await t.as('approver').get('/me')).body;
    expect(approver.stepUp).toEqual({ approveRefund: { above: 10_000 } });
    expect(approver.secondFactor).toBe(false);
    const admin = (await t.as('admin').get('/me')).body;
    // SPEC §3 dual control: a card change asks the admin for a second factor too.
    expect(admin.stepUp).toEqual({ changeBankCard: 'always', initiateTopUp: 'never' });
    const auditor = (await t.as('auditor').get('/me')).body;
    expect(auditor.routes).toEqual(expect.arrayContaining(['listEvents', 'verify', 'stateAt']));
    expect(auditor.routes.filter((r: keyof typeof ROUTES) => ROUTES[r].method !== 'GET')).toEqual(
      [],
    );
  });

  it('needs a key: 401 without one, and never echoes the key', async () => {
    const res = await t.as(null).get('/me').expect(401);
    expect(res.body.code).toBe('UNAUTHENTICATED');
    const ok = await t.as('system').get('/me').expect(200);
    expect(JSON.stringify(ok.body)).not.toMatch(/key-0123456789/);
  });
});

describe('refund approval step-up over HTTP (ACCOUNT_OPS_REFUND_APPROVAL_STEP_UP_ABOVE)', () => {
  let t: TestApi;
  beforeAll(async () => {
    t = await startTestApi('sqlite', {
      accountConfig: { refundApprovalStepUpAbove: 10_000 },
      totpSecrets: new Map([[ACTORS.approver.id, OPERATOR_TOTP_SECRET]]),
    });
  });
  afterAll(() => t.close());

  const code = () =>
    generate({ secret: OPERATOR_TOTP_SECRET, epoch: Math.floor(t.clock.now().getTime() / 1000) });

  it('asks the approver for a code above the threshold; the retry with the same key and a code approves', async () => {
    const id = freshId();
    const seed = seeder(t);
    await seed.ready(id, 100_000);
    await seed.refund(id, 'rf-big', 20_000);
    await seed.refund(id, 'rf-small', 10_000);
    const approve = (refund: string, key: string) =>
      t.as('approver').post(`/accounts/${id}/refunds/${refund}/approve`, {}, key);

    const refused = await approve('rf-big', 'approve-big');
    expect([refused.status, refused.body.code]).toEqual([403, 'STEP_UP_REQUIRED']);
    const approved = await approve('rf-big', 'approve-big').set('X-Step-Up-Code', await code());
    expect([approved.status, approved.body.status]).toEqual([200, 'payout_pending']);

    const small = await approve('rf-small', 'approve-small');
    expect([small.status, small.body.status]).toEqual([200, 'payout_pending']);
  });
});
