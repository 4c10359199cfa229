import { ROLES } from '@account-ops/accounts';
import { ApiConfigError, loadApiConfig } from './load-api-config';
import { devKeysBanner } from './dev-keys';

const KEYS = 'ops-key-0123456789abcdef=op-7:operator;aud-key-0123456789abcdef=au-1:auditor';
const SECRET = 'a-card-secret-of-some-length';

describe('loadApiConfig', () => {
  it('uses configured keys and the documented defaults', () => {
    const config = loadApiConfig({ ACCOUNT_OPS_API_KEYS: KEYS, ACCOUNT_OPS_CARD_SECRET: SECRET });
    expect(config.port).toBe(3000);
    expect(config.devKeys).toBeUndefined();
    expect(config.options.store).toBe('sqlite:./data/account-ops.db');
    expect(config.options.apiKeys.map((k) => k.actor.id)).toEqual(['op-7', 'au-1']);
    expect(config.options.cardFingerprintSecret).toBe(SECRET);
    expect(config.warnings).toEqual([]);
  });

  it('reads PORT, the store, TOTP secrets and the log level', () => {
    const config = loadApiConfig({
      ACCOUNT_OPS_API_KEYS: KEYS,
      PORT: '8080',
      ACCOUNT_OPS_STORE: 'postgres://db/aos',
      ACCOUNT_OPS_TOTP_SECRETS: 'op-7=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
      LOG_LEVEL: 'debug',
    });
    expect(config.port).toBe(8080);
    expect(config.options.store).toBe('postgres://db/aos');
    expect(config.options.totpSecrets?.get('op-7')).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
    expect(config.options.log?.level).toBe('debug');
  });

  it('reads ACCOUNT_OPS_REFUND_APPROVAL_STEP_UP_ABOVE (off unless set) and refuses anything but an amount', () => {
    const base = { ACCOUNT_OPS_API_KEYS: KEYS };
    expect(loadApiConfig(base).options.accountConfig).toBeUndefined();
    expect(
      loadApiConfig({ ...base, ACCOUNT_OPS_REFUND_APPROVAL_STEP_UP_ABOVE: 'off' }).options
        .accountConfig,
    ).toBeUndefined();
    expect(
      loadApiConfig({ ...base, ACCOUNT_OPS_REFUND_APPROVAL_STEP_UP_ABOVE: ' 10000 ' }).options
        .accountConfig,
    ).toEqual({ refundApprovalStepUpAbove: 10_000 });
    for (const bad of ['-1', '1.5', '1e6', 'ten', '99999999999999999']) {
      expect(() =>
        loadApiConfig({ ...base, ACCOUNT_OPS_REFUND_APPROVAL_STEP_UP_ABOVE: bad }),
      ).toThrow(/ACCOUNT_OPS_REFUND_APPROVAL_STEP_UP_ABOVE must be off or a non-negative integer/);
    }
  });

  it('generates one key per role in development mode, different every start', () => {
    const first = loadApiConfig({});
    const second = loadApiConfig({ NODE_ENV: 'development' });
    expect(first.devKeys?.map((k) => k.actor)).toEqual(
      ROLES.map((role) => ({ id: `dev-${role}`, roles: [role] })),
    );
    expect(first.options.apiKeys).toBe(first.devKeys);
    expect(first.devKeys![0]!.key).not.toBe(second.devKeys![0]!.key);
    expect(first.warnings).toEqual([expect.stringMatching(/ACCOUNT_OPS_CARD_SECRET/)]);
  });

  it('prints each development key in the banner', () => {
    const { devKeys } = loadApiConfig({});
    const banner = devKeysBanner(devKeys!, 3000);
    for (const { key } of devKeys!) expect(banner).toContain(key);
    expect(banner).toMatch(/DEVELOPMENT MODE/);
  });

  it('refuses to start in production without keys or without a card secret', () => {
    expect(() =>
      loadApiConfig({ NODE_ENV: 'production', ACCOUNT_OPS_CARD_SECRET: SECRET }),
    ).toThrow(/ACCOUNT_OPS_API_KEYS is required/);
    expect(() => loadApiConfig({ NODE_ENV: 'production', ACCOUNT_OPS_API_KEYS: KEYS })).toThrow(
      /ACCOUNT_OPS_CARD_SECRET is required/,
    );
    const ok = loadApiConfig({
      NODE_ENV: 'production',
      ACCOUNT_OPS_API_KEYS: KEYS,
      ACCOUNT_OPS_CARD_SECRET: SECRET,
    });
    expect(ok.devKeys).toBeUndefined();
  });

  it.each([
    [{ PORT: 'http' }, /PORT/],
    [{ PORT: '70000' }, /PORT/],
    [{ ACCOUNT_OPS_CARD_SECRET: 'short' }, /at least 16/],
    [{ ACCOUNT_OPS_STORE: 'mysql://u:s3cret@db' }, /ACCOUNT_OPS_STORE/],
    [{ ACCOUNT_OPS_API_KEYS: 'k=op:operator' }, /ACCOUNT_OPS_API_KEYS/],
  ])('refuses %p without echoing secrets', (env, message) => {
    expect(() => loadApiConfig(env)).toThrow(message);
    expect(() => loadApiConfig(env)).not.toThrow(/s3cret/);
  });

  it('takes a PostgreSQL read store with an EventStoreDB store, and only then', () => {
    const split = loadApiConfig({
      ACCOUNT_OPS_STORE: 'esdb://node1:2113?tls=false',
      ACCOUNT_OPS_READ_STORE: 'postgres://db/aos',
    });
    expect(split.options).toMatchObject({
      store: 'esdb://node1:2113?tls=false',
      readStore: 'postgres://db/aos',
    });
    expect(loadApiConfig({}).options.readStore).toBeUndefined();
    for (const env of [
      { ACCOUNT_OPS_STORE: 'esdb://node1:2113' },
      { ACCOUNT_OPS_STORE: 'esdb://node1:2113', ACCOUNT_OPS_READ_STORE: 'sqlite:./x.db' },
      { ACCOUNT_OPS_STORE: 'esdb://node1:2113', ACCOUNT_OPS_READ_STORE: 'mysql://u:s3cret@db' },
    ]) {
      expect(() => loadApiConfig(env)).toThrow(/needs ACCOUNT_OPS_READ_STORE=postgres/);
    }
    expect(() =>
      loadApiConfig({
        ACCOUNT_OPS_STORE: 'sqlite:./x.db',
        ACCOUNT_OPS_READ_STORE: 'postgres://db',
      }),
    ).toThrow(/only used with ACCOUNT_OPS_STORE=esdb/);
  });

  it('names its errors', () => {
    expect(() => loadApiConfig({ PORT: '0' })).toThrow(ApiConfigError);
  });
});
