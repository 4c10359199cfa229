import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadOperatingRules } from '@account-ops/engine';
import { seeder } from './support/seed';
import { freshId, startTestApi, type TestApi } from './support/test-api';

/** `GET /ops/config`: the effective operating rules, and that the engine runs with them. */
describe('GET /ops/config', () => {
  let t: TestApi;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'aos-ops-config-'));
    const file = join(dir, 'rules.yaml');
    writeFileSync(
      file,
      'topUp:\n  singleMax:\n    default: 4000000\n    JPY: 400000\nrefund:\n  approvalSlaHours: 24\n',
    );
    const rules = loadOperatingRules({
      ACCOUNT_OPS_CONFIG: file,
      ACCOUNT_OPS_REFUND_APPROVAL_SLA_HOURS: '2',
    });
    t = await startTestApi('sqlite', {
      accountConfig: rules.accountConfig,
      settings: rules.settings,
    });
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows every setting with value, unit, default and source to admins and auditors', async () => {
    for (const who of ['admin', 'auditor'] as const) {
      const res = await t.as(who).get('/ops/config').expect(200);
      expect(res.body.precedence).toMatch(/environment variable > configuration file/);
      expect(res.body.file).toMatch(/rules\.yaml$/);
      const byKey = Object.fromEntries(
        res.body.settings.map((s: { key: string }) => [s.key, s] as const),
      );
      expect(byKey['topUp.singleMax']).toMatchObject({
        env: 'ACCOUNT_OPS_TOP_UP_SINGLE_MAX',
        value: { default: 4_000_000, JPY: 400_000 },
        default: '5000000',
        source: 'file',
      });
      expect(byKey['refund.approvalSlaHours']).toMatchObject({ value: 2, source: 'env' });
      expect(byKey['snapshots.every']).toMatchObject({ value: 100, source: 'default' });
    }
  });

  it.each(['operator', 'approver', 'compliance', 'system'] as const)(
    'is refused to the %s role',
    async (who) => {
      expect((await t.as(who).get('/ops/config')).status).toBe(403);
    },
  );

  it('the engine runs with what it shows: a JPY account gets the JPY limit', async () => {
    const id = freshId();
    await seeder(t).run('OpenAccount', id, 'operator', {
      ownerName: 'Sato Hana',
      ownerEmail: 'hana@example.com',
      currency: 'JPY',
    });
    const res = await t.as('system').post(`/accounts/${id}/top-ups`, {
      topUpId: 'tu-1',
      amount: 400_001,
      method: 'bank_transfer',
      paymentReference: 'jp-1',
    });
    expect(res.status).toBe(422);
    expect(res.body.details).toMatchObject({
      limitName: 'top_up_single_max',
      limit: 400_000,
      limitSource: 'default',
    });
  });

  it('shows the options as the source when the app is built without loaded settings', async () => {
    const plain = await startTestApi('sqlite', { accountConfig: { retentionDays: 7 } });
    try {
      const res = await plain.as('admin').get('/ops/config').expect(200);
      const retention = res.body.settings.find(
        (s: { key: string }) => s.key === 'cancellation.retentionDays',
      );
      expect(retention).toMatchObject({ value: 7, source: 'options' });
      expect(res.body.file).toBeNull();
    } finally {
      await plain.close();
    }
  });
});
