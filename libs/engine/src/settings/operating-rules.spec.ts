import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_ACCOUNT_CONFIG, configForCurrency } from '@account-ops/accounts';
import { ACCOUNT_SETTINGS } from './account-settings';
import { loadOperatingRules } from './operating-rules';
import { SettingRegistry } from './setting-registry';
import { parseCount } from './setting-values';

/** For each setting: its AccountConfig field, a valid non-default value, a bad one. */
const CASES = [
  ['topUp.singleMax', 'topUpSingleMax', 'ACCOUNT_OPS_TOP_UP_SINGLE_MAX', 123_456, '0'],
  ['topUp.dailyMax', 'topUpDailyMax', 'ACCOUNT_OPS_TOP_UP_DAILY_MAX', 7_000_000, '1.5'],
  ['topUp.stepUpAbove', 'topUpStepUpAbove', 'ACCOUNT_OPS_TOP_UP_STEP_UP_ABOVE', 50_000, '-1'],
  [
    'refund.twoApproversAbove',
    'refundTwoApproversAbove',
    'ACCOUNT_OPS_REFUND_TWO_APPROVERS_ABOVE',
    90_000,
    'ten',
  ],
  [
    'refund.approvalStepUpAbove',
    'refundApprovalStepUpAbove',
    'ACCOUNT_OPS_REFUND_APPROVAL_STEP_UP_ABOVE',
    10_000,
    '1e6',
  ],
  [
    'refund.approvalSlaHours',
    'refundApprovalSlaHours',
    'ACCOUNT_OPS_REFUND_APPROVAL_SLA_HOURS',
    2,
    '0',
  ],
  [
    'failedLogins.threshold',
    'failedLoginThreshold',
    'ACCOUNT_OPS_FAILED_LOGIN_THRESHOLD',
    3,
    'five',
  ],
  [
    'failedLogins.windowMinutes',
    'failedLoginWindowMinutes',
    'ACCOUNT_OPS_FAILED_LOGIN_WINDOW_MINUTES',
    60,
    '15m',
  ],
  ['cancellation.retentionDays', 'retentionDays', 'ACCOUNT_OPS_RETENTION_DAYS', 7, '-30'],
  [
    'bankCard.payoutHoldHours',
    'cardChangePayoutHoldHours',
    'ACCOUNT_OPS_CARD_CHANGE_PAYOUT_HOLD_HOURS',
    48,
    'a day',
  ],
  ['snapshots.every', 'snapshotEvery', 'ACCOUNT_OPS_SNAPSHOT_EVERY', 50, '99999999999999999'],
] as const;

/** `{ a: { b: v } }` for `a.b`. */
const nested = (key: string, value: unknown): Record<string, unknown> =>
  key.split('.').reduceRight<unknown>((inner, part) => ({ [part]: inner }), value) as Record<
    string,
    unknown
  >;

describe('operating rules: every business default is configurable', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'aos-settings-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  it('registers exactly the settings this test covers (a new one needs its case)', () => {
    expect(ACCOUNT_SETTINGS.map((s) => s.key).sort()).toEqual(CASES.map((c) => c[0]).sort());
  });

  it('defaults to SPEC’s table, all from the default source', () => {
    const { accountConfig, settings } = loadOperatingRules({});
    expect(accountConfig).toEqual(DEFAULT_ACCOUNT_CONFIG);
    expect(settings.effective().every((s) => s.source === 'default')).toBe(true);
  });

  it.each(CASES)('%s is set by its environment variable', (key, field, env, value) => {
    const { accountConfig, settings } = loadOperatingRules({ [env]: ` ${value} ` });
    expect(accountConfig[field]).toBe(value);
    expect(settings.source(key)).toBe('env');
  });

  it.each(CASES)('%s is set by the JSON configuration file', (key, field, _env, value) => {
    const path = file('rules.json', JSON.stringify(nested(key, value)));
    const { accountConfig, settings } = loadOperatingRules({ ACCOUNT_OPS_CONFIG: path });
    expect(accountConfig[field]).toBe(value);
    expect(settings.source(key)).toBe('file');
    expect(settings.file).toBe(path);
  });

  it.each(CASES)('%s is set by the YAML configuration file', (key, field, _env, value) => {
    const [head, tail] = key.split('.');
    const path = file('rules.yaml', `# operator rules\n${head}:\n  ${tail}: ${value}\n`);
    expect(loadOperatingRules({ ACCOUNT_OPS_CONFIG: path }).accountConfig[field]).toBe(value);
  });

  it.each(CASES)(
    '%s: a bad environment value stops the start naming the variable and the rule',
    (key, _f, env, _v, bad) => {
      const run = () => loadOperatingRules({ [env]: bad });
      const rule = ACCOUNT_SETTINGS.find((s) => s.key === key)!.rule;
      expect(run).toThrow(env);
      expect(run).toThrow(rule);
    },
  );

  it.each(CASES.flatMap((c) => [-5, 2.5, 'many', true].map((bad) => [c[0], bad] as const)))(
    '%s: a bad file value (%p) stops the start naming the setting and the rule',
    (key, bad) => {
      const path = file('rules.json', JSON.stringify(nested(key, bad)));
      const run = () => loadOperatingRules({ ACCOUNT_OPS_CONFIG: path });
      const rule = ACCOUNT_SETTINGS.find((s) => s.key === key)!.rule;
      expect(run).toThrow(`${key} in the configuration file`);
      expect(run).toThrow(rule);
    },
  );

  it('precedence: environment over file over default', () => {
    const path = file(
      'rules.yaml',
      'refund:\n  approvalSlaHours: 24\n  twoApproversAbove: 100000\n',
    );
    const { accountConfig, settings } = loadOperatingRules({
      ACCOUNT_OPS_CONFIG: path,
      ACCOUNT_OPS_REFUND_APPROVAL_SLA_HOURS: '2',
    });
    expect(accountConfig.refundApprovalSlaHours).toBe(2); // env beats the file
    expect(accountConfig.refundTwoApproversAbove).toBe(100_000); // file beats the default
    expect(accountConfig.retentionDays).toBe(30); // default
    expect(Object.fromEntries(settings.effective().map((s) => [s.key, s.source]))).toMatchObject({
      'refund.approvalSlaHours': 'env',
      'refund.twoApproversAbove': 'file',
      'cancellation.retentionDays': 'default',
    });
  });

  it('an empty environment variable leaves the file value', () => {
    const path = file('rules.json', JSON.stringify({ cancellation: { retentionDays: 9 } }));
    const rules = loadOperatingRules({ ACCOUNT_OPS_CONFIG: path, ACCOUNT_OPS_RETENTION_DAYS: ' ' });
    expect(rules.accountConfig.retentionDays).toBe(9);
  });

  describe('amounts per currency', () => {
    it('by environment: the amount for every currency, then CUR=amount overrides', () => {
      const { accountConfig } = loadOperatingRules({
        ACCOUNT_OPS_TOP_UP_SINGLE_MAX: '5000000,JPY=500000,KRW=6000000',
        ACCOUNT_OPS_REFUND_APPROVAL_STEP_UP_ABOVE: 'off,JPY=0',
      });
      expect(configForCurrency(accountConfig, 'JPY')).toMatchObject({
        topUpSingleMax: 500_000,
        refundApprovalStepUpAbove: 0,
        topUpDailyMax: 20_000_000,
      });
      expect(configForCurrency(accountConfig, 'KRW').topUpSingleMax).toBe(6_000_000);
      expect(configForCurrency(accountConfig, 'EUR')).toMatchObject({
        topUpSingleMax: 5_000_000,
        refundApprovalStepUpAbove: null,
      });
    });

    it('by file: a number, or { default, JPY: … }; a missing default keeps SPEC’s', () => {
      const path = file(
        'rules.yaml',
        'topUp:\n  dailyMax:\n    JPY: 90000000\n  singleMax:\n    default: 4000000\n    JPY: 400000\n',
      );
      const { accountConfig } = loadOperatingRules({ ACCOUNT_OPS_CONFIG: path });
      expect(accountConfig.topUpSingleMax).toBe(4_000_000);
      expect(accountConfig.topUpDailyMax).toBe(20_000_000);
      expect(configForCurrency(accountConfig, 'JPY')).toMatchObject({
        topUpSingleMax: 400_000,
        topUpDailyMax: 90_000_000,
      });
    });

    it.each([
      ['5000000,JPY', /ACCOUNT_OPS_TOP_UP_SINGLE_MAX .*CUR=amount/],
      ['5000000,JPY=0', /ACCOUNT_OPS_TOP_UP_SINGLE_MAX .*positive integer amount/],
      ['5000000,XXX=5', /ACCOUNT_OPS_TOP_UP_SINGLE_MAX .*XXX is not a supported ISO-4217 currency/],
      ['5000000,JPY=1,JPY=2', /JPY is given twice/],
      ['off', /ACCOUNT_OPS_TOP_UP_SINGLE_MAX .*positive integer amount/],
    ])('refuses %s', (value, message) => {
      expect(() => loadOperatingRules({ ACCOUNT_OPS_TOP_UP_SINGLE_MAX: value })).toThrow(message);
    });

    it('refuses a lower-case or unknown currency in the file', () => {
      const lower = file('a.json', JSON.stringify({ topUp: { singleMax: { jpy: 1 } } }));
      expect(() => loadOperatingRules({ ACCOUNT_OPS_CONFIG: lower })).toThrow(/topUp.singleMax/);
      const unknown = file('b.json', JSON.stringify({ topUp: { singleMax: { XXX: 1 } } }));
      expect(() => loadOperatingRules({ ACCOUNT_OPS_CONFIG: unknown })).toThrow(
        /topUp.singleMax in the configuration file .*XXX is not a supported/,
      );
    });
  });

  describe('the configuration file', () => {
    it('refuses an unknown (misspelt) setting by name', () => {
      const path = file('rules.json', JSON.stringify({ topUp: { singelMax: 5 } }));
      expect(() => loadOperatingRules({ ACCOUNT_OPS_CONFIG: path })).toThrow(
        /ACCOUNT_OPS_CONFIG: unknown setting topUp.singelMax/,
      );
    });

    it.each([
      ['missing.json', null, /cannot be read \(ENOENT\)/],
      ['broken.json', '{ "topUp": ', /is not valid JSON/],
      ['broken.yaml', 'topUp: [1\n', /is not valid YAML/],
      ['list.yaml', '- 1\n- 2\n', /must hold an object of settings/],
      ['dup.yaml', 'topUp: {}\ntopUp: {}\n', /is not valid YAML/],
    ])('refuses %s', (name, text, message) => {
      const path = text === null ? join(dir, name) : file(name, text);
      expect(() => loadOperatingRules({ ACCOUNT_OPS_CONFIG: path })).toThrow(/ACCOUNT_OPS_CONFIG/);
      expect(() => loadOperatingRules({ ACCOUNT_OPS_CONFIG: path })).toThrow(message);
    });

    it('an empty file is all defaults', () => {
      const path = file('empty.yaml', '# nothing yet\n');
      expect(loadOperatingRules({ ACCOUNT_OPS_CONFIG: path }).accountConfig).toEqual(
        DEFAULT_ACCOUNT_CONFIG,
      );
    });
  });

  describe('the registry', () => {
    it('takes settings of other areas, in the file and the environment alike', () => {
      const extra = {
        key: 'webhooks.retryDays',
        env: 'ACCOUNT_OPS_WEBHOOK_RETRY_DAYS',
        rule: 'how long deliveries are retried',
        unit: 'days',
        default: 3,
        schema: { type: 'integer', minimum: 1 },
        parseEnv: (text: string) => parseCount(text),
      };
      const path = file('rules.json', JSON.stringify({ webhooks: { retryDays: 5 } }));
      const rules = loadOperatingRules({ ACCOUNT_OPS_CONFIG: path }, [extra]);
      expect(rules.settings.value('webhooks.retryDays')).toBe(5);
      expect(() => loadOperatingRules({ ACCOUNT_OPS_WEBHOOK_RETRY_DAYS: '0' }, [extra])).toThrow(
        /ACCOUNT_OPS_WEBHOOK_RETRY_DAYS \(how long deliveries are retried\)/,
      );
    });

    it('hides secrets in the effective configuration', () => {
      const secret = {
        key: 'smtp.password',
        env: 'ACCOUNT_OPS_SMTP_PASSWORD',
        rule: 'SMTP password',
        unit: 'text',
        default: '',
        schema: { type: 'string' },
        parseEnv: (text: string) => text,
        secret: true,
      };
      const rules = loadOperatingRules({ ACCOUNT_OPS_SMTP_PASSWORD: 's3cret-pass' }, [secret]);
      const row = rules.settings.effective().find((s) => s.key === 'smtp.password')!;
      expect(row).toMatchObject({ value: '(set)', text: '(set)', source: 'env' });
      expect(JSON.stringify(rules.settings.effective())).not.toContain('s3cret');
    });

    it('refuses two definitions of one key or variable', () => {
      expect(() => new SettingRegistry([...ACCOUNT_SETTINGS, ACCOUNT_SETTINGS[0]!])).toThrow(
        /clashes/,
      );
    });
  });
});
