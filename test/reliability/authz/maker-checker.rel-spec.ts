import { seeder, type Seeder } from '../../../apps/api/test/support/seed';
import { BUDGET } from '../http/budget';
import { itLeavesNoSecrets } from '../http/leak-scan';
import { startApi, type ReliabilityApi } from '../http/reliability-api';
import { createStoreTarget, type StoreTarget } from '../http/store-target';

jest.setTimeout(120_000);

/** Above SPEC's default two-approver threshold (500,000). */
const LARGE = 600_000;

/**
 * Maker-checker cannot be bypassed through the API: the requester never approves their
 * own refund (even holding the approver role), one approver never counts twice — not with
 * a new key, not with a replayed one, not racing through two app instances — and only the
 * requester (or an admin) cancels a request awaiting approval.
 */
describe.each(BUDGET.backends)('maker-checker [%s]', (backend) => {
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

  const refundPath = (id: string, step: string) => `/accounts/${id}/refunds/rf-1/${step}`;
  const version = async (id: string) => (await api.ops.load(id)).version;
  const refund = async (id: string) =>
    (await api.as('auditor').get(`/accounts/${id}`).expect(200)).body.refunds.find(
      (r: { refundId: string }) => r.refundId === 'rf-1',
    );

  it('refuses the requester as approver, even one holding the approver role', async () => {
    const id = 'mc-self';
    await seed.ready(id, 1_000_000);
    await seed.refund(id, 'rf-1', 1_000, 'makerChecker');
    const before = await version(id);
    const self = await api.as('makerChecker').post(refundPath(id, 'approve'), {});
    expect([self.status, self.body.code]).toEqual([422, 'MAKER_CHECKER_VIOLATION']);
    expect(await version(id)).toBe(before);
    expect(await refund(id)).toMatchObject({ status: 'requested', approvedBy: [] });
    await api.as('approver').post(refundPath(id, 'approve'), {}).expect(200);
  });

  it('refuses the requester as the second of two approvers', async () => {
    const id = 'mc-self-second';
    await seed.ready(id, 1_000_000);
    await seed.refund(id, 'rf-1', LARGE, 'makerChecker');
    await api.as('approver').post(refundPath(id, 'approve'), {}).expect(200);
    const before = await version(id);
    const self = await api.as('makerChecker').post(refundPath(id, 'approve'), {});
    expect([self.status, self.body.code]).toEqual([422, 'MAKER_CHECKER_VIOLATION']);
    expect(await version(id)).toBe(before);
    expect(await refund(id)).toMatchObject({ status: 'partially_approved', approvedBy: ['ap-1'] });
  });

  it('counts one approver once: a second approval under a new key is refused, a replay writes nothing', async () => {
    const id = 'mc-twice';
    await seed.ready(id, 1_000_000);
    await seed.refund(id, 'rf-1', LARGE);
    const first = await api.as('approver').post(refundPath(id, 'approve'), {}, 'ap-1-approval');
    expect(first.body).toMatchObject({ status: 'partially_approved', approvedBy: ['ap-1'] });
    const before = await version(id);
    const again = await api.as('approver').post(refundPath(id, 'approve'), { note: 'really' });
    expect([again.status, again.body.code]).toEqual([422, 'MAKER_CHECKER_VIOLATION']);
    const replay = await api.as('approver').post(refundPath(id, 'approve'), {}, 'ap-1-approval');
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body).toMatchObject({ status: 'partially_approved', approvedBy: ['ap-1'] });
    expect(await version(id)).toBe(before);
    const second = await api.as('approver2').post(refundPath(id, 'approve'), {});
    expect(second.body).toMatchObject({ status: 'payout_pending', approvedBy: ['ap-1', 'ap-2'] });
  });

  it('counts one approver once when they race through two app instances on one store', async () => {
    const id = 'mc-race';
    await seed.ready(id, 1_000_000);
    await seed.refund(id, 'rf-1', LARGE);
    const other = await startApi(target, { clock: api.clock, capture: api.capture });
    try {
      const answers = await Promise.all(
        [api, other, api, other].map((instance) =>
          instance.as('approver').post(refundPath(id, 'approve'), {}),
        ),
      );
      const statuses = answers.map((r) => r.status).sort();
      expect(statuses).toEqual([200, 422, 422, 422]);
      expect(await refund(id)).toMatchObject({
        status: 'partially_approved',
        approvedBy: ['ap-1'],
      });
    } finally {
      await other.close();
    }
  });

  it('lets only the requester (or an admin) cancel a request awaiting approval', async () => {
    const id = 'mc-cancel';
    await seed.ready(id, 1_000_000);
    await seed.refund(id, 'rf-1', 1_000);
    const before = await version(id);
    const other = await api.as('operator2').post(refundPath(id, 'cancel'), {});
    expect([other.status, other.body.code]).toEqual([403, 'FORBIDDEN']);
    const approver = await api.as('approver').post(refundPath(id, 'cancel'), {});
    expect([approver.status, approver.body.code]).toEqual([403, 'FORBIDDEN']);
    expect(await version(id)).toBe(before);
    await api.as('operator').post(refundPath(id, 'cancel'), {}).expect(200);
  });

  itLeavesNoSecrets('maker-checker', () => api);
});
