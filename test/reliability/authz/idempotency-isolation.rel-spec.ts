import { seeder, type Seeder } from '../../../apps/api/test/support/seed';
import { BUDGET } from '../http/budget';
import { itLeavesNoSecrets } from '../http/leak-scan';
import { startApi, type ReliabilityApi } from '../http/reliability-api';
import { createStoreTarget, type StoreTarget } from '../http/store-target';

jest.setTimeout(120_000);

/**
 * An Idempotency-Key is the caller's own: replaying someone else's key neither hands out
 * their result (which would leak it, and let an approver "approve" without approving)
 * nor blocks the replayer's own request.
 */
describe.each(BUDGET.backends)('idempotency keys are per caller [%s]', (backend) => {
  let target: StoreTarget;
  let api: ReliabilityApi;
  let seed: Seeder;
  beforeAll(async () => {
    target = await createStoreTarget(backend);
    api = await startApi(target);
    seed = seeder(api);
  });
  afterAll(async () => {
    await api.close();
    await target.dispose();
  });

  it('another operator replaying a key gets their own refund, and the owner still gets theirs', async () => {
    const id = 'idem-refund';
    await seed.ready(id, 100_000);
    const body = { amount: 1_000, reason: 'duplicate_charge' }; // refundId derived from actor and key
    const path = `/accounts/${id}/refunds`;
    const mine = await api.as('operator').post(path, body, 'shared-key').expect(201);
    const theirs = await api.as('operator2').post(path, body, 'shared-key');
    expect(theirs.status).toBe(201);
    expect(theirs.headers['idempotent-replayed']).toBeUndefined();
    expect(theirs.body.requestedBy).toBe('op-2');
    expect(theirs.body.refundId).not.toBe(mine.body.refundId);
    const replay = await api.as('operator').post(path, body, 'shared-key').expect(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.text).toBe(mine.text);
    expect((await api.as('auditor').get(`/accounts/${id}`)).body.balance).toMatchObject({
      held: 2_000,
    });
  });

  it('a key another caller used for a different request is not "reused" for this one', async () => {
    const id = 'idem-other-command';
    await seed.ready(id, 100_000);
    await api
      .as('operator')
      .post(`/accounts/${id}/refunds`, { amount: 500, reason: 'other', note: 'x' }, 'k-42')
      .expect(201);
    const topUp = await api
      .as('system')
      .post(
        `/accounts/${id}/top-ups`,
        { amount: 700, method: 'card', paymentReference: 'psp-42' },
        'k-42',
      );
    expect([topUp.status, topUp.body.status, topUp.body.initiatedBy]).toEqual([
      201,
      'pending',
      'gateway',
    ]);
  });

  it("a second approver replaying the first approver's key really approves", async () => {
    const id = 'idem-approval';
    await seed.ready(id, 1_000_000);
    await seed.refund(id, 'rf-1', 600_000);
    const path = `/accounts/${id}/refunds/rf-1/approve`;
    const first = await api.as('approver').post(path, {}, 'approve-rf-1').expect(200);
    expect(first.body).toMatchObject({ status: 'partially_approved', approvedBy: ['ap-1'] });
    const second = await api.as('approver2').post(path, {}, 'approve-rf-1').expect(200);
    expect(second.headers['idempotent-replayed']).toBeUndefined();
    expect(second.body).toMatchObject({ status: 'payout_pending', approvedBy: ['ap-1', 'ap-2'] });
  });

  itLeavesNoSecrets('idempotency-isolation', () => api);
});
