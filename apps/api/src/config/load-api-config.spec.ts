import { ROLES } from '@account-ops/accounts';
import { ApiConfigError, loadApiConfig } from './load-api-config';
import { devKeysBanner } from './dev-keys';
import { DEFAULT_RATE_LIMITS } from '../limits/rate-limits';

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
    expect(config.warnings).toEqual([
      expect.stringMatching(/^ACCOUNT_OPS_TOTP_SECRETS is not set/),
    ]);
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
    expect(config.warnings).not.toContainEqual(expect.stringMatching(/ACCOUNT_OPS_TOTP_SECRETS/));
  });

  it('refuses a TOTP secret the verifier could not use, naming the actor and the rule', () => {
    // The 80-bit example secret of authenticator apps: below RFC 4226's 128 bits.
    const load = () =>
      loadApiConfig({
        ACCOUNT_OPS_API_KEYS: KEYS,
        ACCOUNT_OPS_TOTP_SECRETS: 'olivia=JBSWY3DPEHPK3PXP',
      });
    expect(load).toThrow(/ACCOUNT_OPS_TOTP_SECRETS: the TOTP secret of actor "olivia" is 80 bits/);
    expect(load).toThrow(/at least 128 bits, RFC 4226/);
    expect(load).not.toThrow(/JBSWY3DPEHPK3PXP/);
  });

  it('generates one key per role in development mode, different every start', () => {
    const first = loadApiConfig({});
    const second = loadApiConfig({ NODE_ENV: 'development' });
    expect(first.devKeys?.map((k) => k.actor)).toEqual(
      ROLES.map((role) => ({ id: `dev-${role}`, roles: [role] })),
    );
    expect(first.options.apiKeys).toBe(first.devKeys);
    expect(first.devKeys![0]!.key).not.toBe(second.devKeys![0]!.key);
    expect(first.warnings).toEqual([
      expect.stringMatching(/ACCOUNT_OPS_CARD_SECRET/),
      expect.stringMatching(/ACCOUNT_OPS_TOTP_SECRETS/),
    ]);
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

  it.each(['esdb://node1:2113?tls=false', 'kurrentdb://admin:s3cret@node1:2113?tls=false'])(
    'takes a PostgreSQL read store with an events-only store (%s), and only then',
    (url) => {
      const split = loadApiConfig({
        ACCOUNT_OPS_STORE: url,
        ACCOUNT_OPS_READ_STORE: 'postgres://db/aos',
      });
      expect(split.options).toMatchObject({ store: url, readStore: 'postgres://db/aos' });
      expect(loadApiConfig({}).options.readStore).toBeUndefined();
      for (const env of [
        { ACCOUNT_OPS_STORE: url },
        { ACCOUNT_OPS_STORE: url, ACCOUNT_OPS_READ_STORE: 'sqlite:./x.db' },
        { ACCOUNT_OPS_STORE: url, ACCOUNT_OPS_READ_STORE: 'mysql://u:s3cret@db' },
      ]) {
        expect(() => loadApiConfig(env)).toThrow(/needs ACCOUNT_OPS_READ_STORE=postgres/);
        expect(() => loadApiConfig(env)).not.toThrow(/s3cret/);
      }
      expect(() =>
        loadApiConfig({
          ACCOUNT_OPS_STORE: 'sqlite:./x.db',
          ACCOUNT_OPS_READ_STORE: 'postgres://db',
        }),
      ).toThrow(/only used with ACCOUNT_OPS_STORE=kurrentdb:\/\/… or esdb:\/\/…/);
    },
  );

  it('names its errors', () => {
    expect(() => loadApiConfig({ PORT: '0' })).toThrow(ApiConfigError);
  });
});

describe('loadApiConfig: limits and browsers', () => {
  it('defaults to the production rate limits, the engine’s bound and no CORS', () => {
    const { options } = loadApiConfig({ ACCOUNT_OPS_API_KEYS: KEYS });
    expect(options.rateLimits).toEqual(DEFAULT_RATE_LIMITS);
    expect(options.maxQueuedCommands).toBeUndefined(); // DEFAULT_MAX_QUEUED_COMMANDS applies
    expect(options.corsOrigins).toBeUndefined();
    expect(options.trustProxyHops).toBeUndefined();
  });

  it('reads the rate limits, the bound, the CORS allowlist and the proxy hops', () => {
    const { options } = loadApiConfig({
      ACCOUNT_OPS_API_KEYS: KEYS,
      ACCOUNT_OPS_RATE_LIMIT: '1000/1m',
      ACCOUNT_OPS_RATE_LIMIT_ANONYMOUS: 'off',
      ACCOUNT_OPS_MAX_QUEUED_COMMANDS: '64',
      ACCOUNT_OPS_CORS_ORIGINS: 'https://ops.example.com, http://localhost:5173',
      ACCOUNT_OPS_TRUST_PROXY: '1',
    });
    expect(options.rateLimits).toEqual({
      perKey: { limit: 1000, windowMs: 60_000 },
      perAddress: false,
    });
    expect(options.maxQueuedCommands).toBe(64);
    expect(options.corsOrigins).toEqual(['https://ops.example.com', 'http://localhost:5173']);
    expect(options.trustProxyHops).toBe(1);
    expect(
      loadApiConfig({ ACCOUNT_OPS_API_KEYS: KEYS, ACCOUNT_OPS_MAX_QUEUED_COMMANDS: 'off' }).options
        .maxQueuedCommands,
    ).toBe(false);
  });

  it.each([
    [{ ACCOUNT_OPS_RATE_LIMIT: '300' }, /ACCOUNT_OPS_RATE_LIMIT must be/],
    [{ ACCOUNT_OPS_RATE_LIMIT_ANONYMOUS: '0/1m' }, /ACCOUNT_OPS_RATE_LIMIT_ANONYMOUS must be/],
    [{ ACCOUNT_OPS_MAX_QUEUED_COMMANDS: '0' }, /ACCOUNT_OPS_MAX_QUEUED_COMMANDS/],
    [{ ACCOUNT_OPS_CORS_ORIGINS: '*' }, /ACCOUNT_OPS_CORS_ORIGINS entry 1/],
    [{ ACCOUNT_OPS_CORS_ORIGINS: 'https://a.example/path' }, /ACCOUNT_OPS_CORS_ORIGINS/],
    [{ ACCOUNT_OPS_TRUST_PROXY: 'yes' }, /ACCOUNT_OPS_TRUST_PROXY/],
  ])('refuses %p', (env, message) => {
    expect(() => loadApiConfig({ ACCOUNT_OPS_API_KEYS: KEYS, ...env })).toThrow(message);
  });
});
