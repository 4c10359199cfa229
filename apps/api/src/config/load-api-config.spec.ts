import { DEFAULT_ACCOUNT_CONFIG, ROLES } from '@account-ops/accounts';
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiConfigError, loadApiConfig as load } from './load-api-config';
import { devKeysBanner } from './dev-keys';
import { DEFAULT_RATE_LIMITS } from '../limits/rate-limits';

const KEYS = 'ops-39WWZDm4vTi2ZK4uZ0ZTUywt=op-7:operator;aud-kl5jRS08KHLamplG9CqNpYpq=au-1:auditor';
const SECRET = 'a-card-secret-of-some-length';
const SEARCH_KEY = 'a-search-key-of-some-length';
const HASHED_KEYS = `sha256:${'ab'.repeat(32)}=op-7:operator;sha256:${'cd'.repeat(32)}=au-1:auditor`;
// Random bytes: production refuses repeated bytes and other guessable keys.
const MATERIAL = 'wO+E3jNKphLloMQyRIIGvwTYwi1PmZhzaAVeeqP6HAY=';
const OLDER = 'FYamagm17afzLq3b14HP2v8qWa46QF9vvs8QgXAoqbE=';
const MASTER = `k2:${MATERIAL},k1:${OLDER}`;
const CHECKPOINT_KEY = generateKeyPairSync('ed25519')
  .privateKey.export({ type: 'pkcs8', format: 'pem' })
  .toString();

/** The loader with a master key and a checkpoint key, unless the test sets (or removes) one itself. */
const loadApiConfig = (env: NodeJS.ProcessEnv) =>
  load({ ACCOUNT_OPS_MASTER_KEY: MASTER, ACCOUNT_OPS_CHECKPOINT_KEY: CHECKPOINT_KEY, ...env });

describe('loadApiConfig', () => {
  it('uses configured keys and the documented defaults', () => {
    const config = loadApiConfig({
      ACCOUNT_OPS_API_KEYS: KEYS,
      ACCOUNT_OPS_CARD_SECRET: SECRET,
      ACCOUNT_OPS_SEARCH_KEY: SEARCH_KEY,
    });
    expect(config.port).toBe(3000);
    expect(config.devKeys).toBeUndefined();
    expect(config.options.store).toBe('sqlite:./data/account-ops.db');
    expect(config.options.apiKeys.map((k) => k.actor.id)).toEqual(['op-7', 'au-1']);
    expect(config.options.cardFingerprintSecret).toBe(SECRET);
    expect(config.options.searchKey).toBe(SEARCH_KEY);
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

  it('runs the projector in a worker thread on PostgreSQL when ACCOUNT_OPS_PROJECTOR_THREAD=on', () => {
    const base = { ACCOUNT_OPS_API_KEYS: KEYS, ACCOUNT_OPS_STORE: 'postgres://db/aos' };
    expect(loadApiConfig(base).options.projectorThread).toBeUndefined();
    expect(
      loadApiConfig({ ...base, ACCOUNT_OPS_PROJECTOR_THREAD: 'on' }).options.projectorThread,
    ).toBe(true);
    expect(() =>
      loadApiConfig({ ACCOUNT_OPS_API_KEYS: KEYS, ACCOUNT_OPS_PROJECTOR_THREAD: 'on' }),
    ).toThrow(/needs a postgres:\/\/ ACCOUNT_OPS_STORE and async read models/);
    expect(() => loadApiConfig({ ...base, ACCOUNT_OPS_PROJECTOR_THREAD: 'yes' })).toThrow(
      /ACCOUNT_OPS_PROJECTOR_THREAD must be on or off/,
    );
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

  it('reads ACCOUNT_OPS_REFUND_APPROVAL_STEP_UP_ABOVE (off unless set) and refuses anything but an amount', () => {
    const base = { ACCOUNT_OPS_API_KEYS: KEYS };
    expect(loadApiConfig(base).options.accountConfig).toEqual(DEFAULT_ACCOUNT_CONFIG);
    expect(
      loadApiConfig({ ...base, ACCOUNT_OPS_REFUND_APPROVAL_STEP_UP_ABOVE: 'off' }).options
        .accountConfig?.refundApprovalStepUpAbove,
    ).toBeNull();
    expect(
      loadApiConfig({ ...base, ACCOUNT_OPS_REFUND_APPROVAL_STEP_UP_ABOVE: ' 10000 ' }).options
        .accountConfig?.refundApprovalStepUpAbove,
    ).toBe(10_000);
    for (const bad of ['-1', '1.5', '1e6', 'ten', '99999999999999999']) {
      const run = () => loadApiConfig({ ...base, ACCOUNT_OPS_REFUND_APPROVAL_STEP_UP_ABOVE: bad });
      expect(run).toThrow(ApiConfigError);
      expect(run).toThrow(
        /ACCOUNT_OPS_REFUND_APPROVAL_STEP_UP_ABOVE \(.*second factor.*\): must be off or a non-negative integer/,
      );
    }
  });

  it('reads the operating rules from ACCOUNT_OPS_CONFIG and the environment, env first', () => {
    const dir = mkdtempSync(join(tmpdir(), 'aos-rules-'));
    try {
      const file = join(dir, 'rules.yaml');
      writeFileSync(
        file,
        'refund:\n  approvalSlaHours: 24\ntopUp:\n  singleMax: { default: 4000000, JPY: 400000 }\n',
      );
      const { options } = loadApiConfig({
        ACCOUNT_OPS_API_KEYS: KEYS,
        ACCOUNT_OPS_CONFIG: file,
        ACCOUNT_OPS_REFUND_APPROVAL_SLA_HOURS: '2',
      });
      expect(options.accountConfig).toMatchObject({
        refundApprovalSlaHours: 2,
        topUpSingleMax: 4_000_000,
        currencyAmounts: { JPY: { topUpSingleMax: 400_000 } },
      });
      expect(options.settings?.source('refund.approvalSlaHours')).toBe('env');
      writeFileSync(file, 'refund:\n  approvalSlaHours: 0\n');
      expect(() => loadApiConfig({ ACCOUNT_OPS_API_KEYS: KEYS, ACCOUNT_OPS_CONFIG: file })).toThrow(
        /refund.approvalSlaHours in the configuration file \(ACCOUNT_OPS_CONFIG\) \(a refund without a decision expires .*\): must be >= 1/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('generates one key per role in development mode, different every start', () => {
    const first = loadApiConfig({});
    const second = loadApiConfig({ NODE_ENV: 'development' });
    expect(first.devKeys?.map((k) => k.actor)).toEqual(
      ROLES.filter((role) => role !== 'system').map((role) => ({
        id: `dev-${role}`,
        roles: [role],
      })),
    );
    expect(first.options.apiKeys).toBe(first.devKeys);
    expect(first.devKeys![0]!.key).not.toBe(second.devKeys![0]!.key);
    expect(first.warnings).toEqual([
      expect.stringMatching(/ACCOUNT_OPS_CARD_SECRET/),
      expect.stringMatching(/ACCOUNT_OPS_SEARCH_KEY/),
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
    ).toThrow(/ACCOUNT_OPS_API_KEYS is required .* unless .* ACCOUNT_OPS_OIDC_ISSUER/);
    expect(() =>
      loadApiConfig({ NODE_ENV: 'production', ACCOUNT_OPS_API_KEYS: HASHED_KEYS }),
    ).toThrow(/ACCOUNT_OPS_CARD_SECRET is required/);
    expect(() =>
      loadApiConfig({
        NODE_ENV: 'production',
        ACCOUNT_OPS_API_KEYS: HASHED_KEYS,
        ACCOUNT_OPS_CARD_SECRET: SECRET,
      }),
    ).toThrow(/ACCOUNT_OPS_SEARCH_KEY is required/);
    const ok = loadApiConfig({
      NODE_ENV: 'production',
      ACCOUNT_OPS_API_KEYS: HASHED_KEYS,
      ACCOUNT_OPS_CARD_SECRET: SECRET,
      ACCOUNT_OPS_SEARCH_KEY: SEARCH_KEY,
    });
    expect(ok.devKeys).toBeUndefined();
  });

  it('starts in production on OIDC tokens alone: no keys, no development keys', () => {
    const { options, devKeys } = loadApiConfig({
      NODE_ENV: 'production',
      ACCOUNT_OPS_CARD_SECRET: SECRET,
      ACCOUNT_OPS_SEARCH_KEY: SEARCH_KEY,
      ACCOUNT_OPS_OIDC_ISSUER: 'https://login.bank.example/realms/staff',
      ACCOUNT_OPS_OIDC_AUDIENCE: 'account-ops-api',
    });
    expect(devKeys).toBeUndefined();
    expect(options.apiKeys).toEqual([]);
    expect(options.oidc).toMatchObject({
      issuer: 'https://login.bank.example/realms/staff',
      audience: 'account-ops-api',
      rolesClaim: 'roles',
      stepUp: { maxAgeSeconds: 300, acr: [], amr: ['mfa'] },
    });
    expect(options.settings?.effective().map((row) => row.env)).toEqual(
      expect.arrayContaining(['ACCOUNT_OPS_OIDC_ISSUER', 'ACCOUNT_OPS_OIDC_ROLE_MAP']),
    );
  });

  it('runs without OIDC when no issuer is set (the README set-up)', () => {
    expect(loadApiConfig({}).options.oidc).toBeUndefined();
  });

  it('refuses keys in clear in production: no configuration value is a usable key', () => {
    const env = {
      NODE_ENV: 'production',
      ACCOUNT_OPS_CARD_SECRET: SECRET,
      ACCOUNT_OPS_SEARCH_KEY: SEARCH_KEY,
    };
    const mixed = `${HASHED_KEYS};ops-key-0123456789abcdef=op-7:operator`;
    expect(() => loadApiConfig({ ...env, ACCOUNT_OPS_API_KEYS: mixed })).toThrow(
      /entries 3 hold a key in clear.*sha256:<hex>/,
    );
    expect(() => loadApiConfig({ ...env, ACCOUNT_OPS_API_KEYS: mixed })).not.toThrow(
      /ops-key-0123456789abcdef/,
    );
  });

  it('warns at start-up about keys with the deprecated system role', () => {
    const config = loadApiConfig({
      ACCOUNT_OPS_API_KEYS: `${KEYS};gw-key-0123456789abcdef=gw:system`,
    });
    expect(config.warnings).toContainEqual(expect.stringMatching(/"system" is deprecated/));
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

describe('loadApiConfig: the key-encryption key', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'aos-master-key-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const production = {
    NODE_ENV: 'production',
    ACCOUNT_OPS_API_KEYS: HASHED_KEYS,
    ACCOUNT_OPS_CARD_SECRET: SECRET,
    ACCOUNT_OPS_SEARCH_KEY: SEARCH_KEY,
    ACCOUNT_OPS_TOTP_SECRETS: 'op-7=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
    ACCOUNT_OPS_CHECKPOINT_KEY: CHECKPOINT_KEY,
  };

  it('wraps with the first ACCOUNT_OPS_MASTER_KEY entry and unwraps with the older ones', async () => {
    const { options, warnings } = load({ ...production, ACCOUNT_OPS_MASTER_KEY: MASTER });
    expect(warnings).toEqual([]);
    const keys = options.keyProvider!;
    expect(await keys.currentKeyId()).toBe('k2');
    const older = load({ ...production, ACCOUNT_OPS_MASTER_KEY: `k1:${OLDER}` }).options
      .keyProvider!;
    const wrapped = await older.wrap(Buffer.alloc(32, 1), 'ctx');
    expect(wrapped.keyId).toBe('k1');
    expect(await keys.unwrap(wrapped, 'ctx')).toEqual(Buffer.alloc(32, 1));
  });

  it('refuses to start in production without one, naming the variable', () => {
    expect(() => load(production)).toThrow(ApiConfigError);
    expect(() => load(production)).toThrow(
      /ACCOUNT_OPS_MASTER_KEY .*or ACCOUNT_OPS_MASTER_KEY_FILE is required when NODE_ENV=production/,
    );
  });

  it.each([
    ['no id', MATERIAL],
    ['a short key', `k1:${Buffer.alloc(16, 9).toString('base64')}`],
    ['a repeated id', `k1:${MATERIAL},k1:${OLDER}`],
    ['a bad id', `k 1:${MATERIAL}`],
  ])('refuses %s without echoing the key', (_label, value) => {
    const run = () => load({ ...production, ACCOUNT_OPS_MASTER_KEY: value });
    expect(run).toThrow(ApiConfigError);
    expect(run).toThrow(/ACCOUNT_OPS_MASTER_KEY/);
    expect(run).not.toThrow(new RegExp(MATERIAL.slice(0, 12).replace(/[+/]/g, '.')));
  });

  it('reads ACCOUNT_OPS_MASTER_KEY_FILE (one entry a line, comments allowed), not both', async () => {
    const file = join(dir, 'kek');
    writeFileSync(file, `# rotated 2026-03\nk2:${MATERIAL}\nk1:${OLDER}\n`, { mode: 0o600 });
    const { options, warnings } = load({ ...production, ACCOUNT_OPS_MASTER_KEY_FILE: file });
    expect(await options.keyProvider!.currentKeyId()).toBe('k2');
    expect(warnings).toEqual([]);
    expect(() =>
      load({ ...production, ACCOUNT_OPS_MASTER_KEY_FILE: file, ACCOUNT_OPS_MASTER_KEY: MASTER }),
    ).toThrow(/not both/);
    expect(() =>
      load({ ...production, ACCOUNT_OPS_MASTER_KEY_FILE: join(dir, 'missing') }),
    ).toThrow(/ACCOUNT_OPS_MASTER_KEY_FILE .* cannot be read \(ENOENT\)/);
  });

  it('in development generates one beside the SQLite store (mode 600) and reuses it on restart', async () => {
    const db = join(dir, 'dev.db');
    const first = load({ ACCOUNT_OPS_STORE: `sqlite:${db}` });
    const file = `${db}.master-key`;
    expect(existsSync(file)).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(first.warnings).toContainEqual(
      expect.stringMatching(/ACCOUNT_OPS_MASTER_KEY is not set: generated .*dev\.db\.master-key/),
    );
    const restarted = load({ ACCOUNT_OPS_STORE: `sqlite:${db}` });
    expect(restarted.warnings).toContainEqual(expect.stringMatching(/wrapping data keys with/));
    const wrapped = await first.options.keyProvider!.wrap(Buffer.alloc(32, 3), 'ctx');
    expect(await restarted.options.keyProvider!.unwrap(wrapped, 'ctx')).toEqual(
      Buffer.alloc(32, 3),
    );
  });

  it('in development keeps the key of a memory: store in memory only', async () => {
    const { options } = load({ ACCOUNT_OPS_STORE: 'memory:' });
    expect(await options.keyProvider!.currentKeyId()).toMatch(/^dev-[0-9a-f]{8}$/);
  });
});
