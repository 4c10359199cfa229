import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ACCOUNT_SETTINGS } from '@account-ops/engine';
import { OIDC_SETTINGS } from '../../api/src/config/oidc-settings';
import { runCli } from './support/run-cli';

const dir = mkdtempSync(join(tmpdir(), 'aos-cli-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
// Each subprocess costs about a second (tsx start-up).
jest.setTimeout(30_000);

describe('account-ops config show', () => {
  it('shows every operating rule with its value, unit and source (env > file > default)', async () => {
    const file = join(dir, 'rules.yaml');
    writeFileSync(
      file,
      'refund:\n  approvalSlaHours: 24\ntopUp:\n  singleMax: { default: 4000000, JPY: 400000 }\n',
    );
    const run = await runCli(undefined, ['config', 'show', '--json'], {
      ACCOUNT_OPS_CONFIG: file,
      ACCOUNT_OPS_REFUND_APPROVAL_SLA_HOURS: '2',
    });
    expect(run).toMatchObject({ code: 0, stderr: '' });
    const shown = JSON.parse(run.stdout);
    expect(shown.file).toBe(file);
    const byKey = Object.fromEntries(
      shown.settings.map((s: { key: string }) => [s.key, s] as const),
    );
    expect(byKey['refund.approvalSlaHours']).toMatchObject({
      value: 2,
      source: 'env',
      unit: 'hours',
    });
    expect(byKey['topUp.singleMax']).toMatchObject({
      value: { default: 4_000_000, JPY: 400_000 },
      text: '4000000,JPY=400000',
      source: 'file',
    });
    expect(byKey['cancellation.retentionDays']).toMatchObject({ value: 30, source: 'default' });
    // Every registered setting, no more (the card-change payout hold and the OIDC settings
    // of issue 23 included).
    expect(Object.keys(byKey).sort()).toEqual(
      [...ACCOUNT_SETTINGS, ...OIDC_SETTINGS].map((setting) => setting.key).sort(),
    );
    expect(byKey['oidc.rolesClaim']).toMatchObject({ value: 'roles', source: 'default' });

    const table = await runCli(undefined, ['config', 'show'], { ACCOUNT_OPS_CONFIG: file });
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^SETTING\s+VARIABLE\s+VALUE\s+UNIT\s+SOURCE/);
    expect(table.stdout).toMatch(
      /refund\.approvalSlaHours\s+ACCOUNT_OPS_REFUND_APPROVAL_SLA_HOURS\s+24\s+hours\s+file/,
    );
  });

  it('refuses a bad value with exit 2, naming the setting and the rule', async () => {
    const run = await runCli(undefined, ['config', 'show'], {
      ACCOUNT_OPS_RETENTION_DAYS: 'thirty',
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /ACCOUNT_OPS_RETENTION_DAYS \(a cancelled account can be reactivated/,
    );
  });
});
