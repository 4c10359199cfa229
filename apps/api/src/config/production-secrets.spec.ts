import { createHash, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiConfigError, loadApiConfig } from './load-api-config';
import { withRunMode } from './run-mode';

// Strong values (random), so each case below changes exactly one thing.
const KEY_A = 'Kq7vR2mX9pL4wT8nB3cY6hJ1';
const KEY_B = 'zP5fG8sD2kQ9xV4mN7bW3rT6';
const CARD = 'rA9xK2pQ7mZ4vL8tW3nB6cY1';
const KEK = 'kek-1:wO+E3jNKphLloMQyRIIGvwTYwi1PmZhzaAVeeqP6HAY=';
const CHECKPOINT_KEY = generateKeyPairSync('ed25519')
  .privateKey.export({ type: 'pkcs8', format: 'pem' })
  .toString();

const sha256 = (key: string) => createHash('sha256').update(key).digest('hex');
const production = {
  NODE_ENV: 'production',
  ACCOUNT_OPS_STORE: 'memory:',
  // Production takes keys only as their SHA-256 (issue 23): no configuration value is a key.
  ACCOUNT_OPS_API_KEYS: `sha256:${sha256(KEY_A)}=op-1:operator;sha256:${sha256(KEY_B)}=au-1:auditor`,
  ACCOUNT_OPS_CARD_SECRET: CARD,
  ACCOUNT_OPS_SEARCH_KEY: 'tG4mQ8zR1vX6kP3nW9bL2cY7',
  ACCOUNT_OPS_MASTER_KEY: KEK,
  ACCOUNT_OPS_CHECKPOINT_KEY: CHECKPOINT_KEY,
};

const kek = (bytes: Buffer) => `kek-1:${bytes.toString('base64')}`;

describe('production refuses weak and sample secrets, naming the variable, never the value', () => {
  it('starts with strong values', () => {
    expect(loadApiConfig(production).devKeys).toBeUndefined();
  });

  const COMPOSE_KEK = 'change-me-kek-1:Q0hBTkdFLU1FLWNoYW5nZS1tZS1DSEFOR0UtTUUtMDA=';
  it.each([
    [
      'an API key of one repeated character',
      { ACCOUNT_OPS_API_KEYS: `aaaaaaaaaaaaaaaa=op-1:operator` },
      'aaaaaaaaaaaaaaaa',
      // Weak or not, a key in clear is refused in production before its strength matters.
      /ACCOUNT_OPS_API_KEYS entries 1 hold a key in clear/,
    ],
    [
      'the compose file’s API key',
      { ACCOUNT_OPS_API_KEYS: `change-me-operator-key-0001=op-1:operator` },
      'change-me-operator-key-0001',
      /ACCOUNT_OPS_API_KEYS entries 1 hold a key in clear/,
    ],
    [
      'the README’s API key',
      {
        ACCOUNT_OPS_API_KEYS: `sha256:${sha256(KEY_A)}=op-1:operator;operator-key-0123456789=op-2:operator`,
      },
      'operator-key-0123456789',
      /ACCOUNT_OPS_API_KEYS entries 2 hold a key in clear/,
    ],
    [
      'a low-entropy API key',
      { ACCOUNT_OPS_API_KEYS: `abababababababababab=op-1:operator` },
      'abababababababababab',
      /hold a key in clear/,
    ],
    [
      'the compose file’s card secret',
      { ACCOUNT_OPS_CARD_SECRET: 'change-me-card-fingerprint-secret' },
      'change-me-card',
      /ACCOUNT_OPS_CARD_SECRET is a published sample/,
    ],
    [
      'a repeated card secret',
      { ACCOUNT_OPS_CARD_SECRET: 'x'.repeat(32) },
      'xxxxxxxx',
      /ACCOUNT_OPS_CARD_SECRET is a single repeated character/,
    ],
    [
      'the development card secret',
      { ACCOUNT_OPS_CARD_SECRET: 'account-ops-development-card-secret' },
      'development-card',
      /ACCOUNT_OPS_CARD_SECRET/,
    ],
    [
      'the development search key',
      { ACCOUNT_OPS_SEARCH_KEY: 'account-ops-development-search-key' },
      'development-search',
      /ACCOUNT_OPS_SEARCH_KEY is a published sample/,
    ],
    [
      'a repeated search key',
      { ACCOUNT_OPS_SEARCH_KEY: 'q'.repeat(24) },
      'qqqqqqqq',
      /ACCOUNT_OPS_SEARCH_KEY is a single repeated character/,
    ],
    [
      'an all-zero key-encryption key',
      { ACCOUNT_OPS_MASTER_KEY: kek(Buffer.alloc(32)) },
      'AAAAAAAAAAAA',
      /ACCOUNT_OPS_MASTER_KEY key "kek-1" is a single repeated byte/,
    ],
    [
      'the compose file’s key-encryption key',
      { ACCOUNT_OPS_MASTER_KEY: COMPOSE_KEK },
      'Q0hBTkdFLU1F',
      /ACCOUNT_OPS_MASTER_KEY key "change-me-kek-1" is a published sample/,
    ],
    [
      'a key-encryption key of two bytes repeated',
      { ACCOUNT_OPS_MASTER_KEY: kek(Buffer.alloc(32, 'ab')) },
      'YWJhYmFi',
      /too little entropy/,
    ],
    [
      'a counting key-encryption key',
      { ACCOUNT_OPS_MASTER_KEY: kek(Buffer.from(Array.from({ length: 32 }, (_, i) => i))) },
      'AAECAwQF',
      /ACCOUNT_OPS_MASTER_KEY key "kek-1"/,
    ],
    [
      'an older key that is weak',
      { ACCOUNT_OPS_MASTER_KEY: `${KEK},kek-0:${Buffer.alloc(32, 7).toString('base64')}` },
      'BwcHBwcH',
      /key "kek-0" is a single repeated byte/,
    ],
    [
      'a placeholder TOTP secret',
      { ACCOUNT_OPS_TOTP_SECRETS: `op-1=${'A'.repeat(32)}` },
      'AAAAAAAA',
      /ACCOUNT_OPS_TOTP_SECRETS/,
    ],
  ])('refuses %s', (_label, change, value, message) => {
    const run = () => loadApiConfig({ ...production, ...change });
    expect(run).toThrow(ApiConfigError);
    expect(run).toThrow(message);
    expect(run).not.toThrow(value);
  });

  it('reads the key-encryption key file too', () => {
    const dir = mkdtempSync(join(tmpdir(), 'aos-weak-kek-'));
    try {
      const file = join(dir, 'kek');
      writeFileSync(file, `${kek(Buffer.alloc(32))}\n`, { mode: 0o600 });
      const env = {
        ...production,
        ACCOUNT_OPS_MASTER_KEY: undefined,
        ACCOUNT_OPS_MASTER_KEY_FILE: file,
      };
      expect(() => loadApiConfig(env)).toThrow(
        /ACCOUNT_OPS_MASTER_KEY_FILE key "kek-1" is a single repeated byte/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('development mode keeps accepting anything well-formed (the README’s keys)', () => {
    const env = {
      ...production,
      NODE_ENV: 'development',
      ACCOUNT_OPS_API_KEYS: 'operator-key-0123456789=op-1:operator',
    };
    expect(loadApiConfig(env).options.apiKeys).toHaveLength(1);
  });

  it('HOST chooses the address to listen on; unset: every interface', () => {
    expect(loadApiConfig({ ...production, HOST: '127.0.0.1' }).host).toBe('127.0.0.1');
    expect(loadApiConfig(production).host).toBeUndefined();
  });
});

describe('the entry point runs in production unless development is asked for', () => {
  it.each([
    [{}, 'production'],
    [{ NODE_ENV: 'test' }, 'production'],
    [{ NODE_ENV: 'production', ACCOUNT_OPS_DEVELOPMENT: '1' }, 'production'],
    [{ ACCOUNT_OPS_DEVELOPMENT: '0' }, 'production'],
    [{ ACCOUNT_OPS_DEVELOPMENT: '1' }, 'development'],
    [{ NODE_ENV: 'development' }, 'development'],
  ])('%p → %s', (env, mode) => expect(withRunMode(env).NODE_ENV).toBe(mode));

  it('the --development flag (npm start) asks for it; NODE_ENV=production still wins', () => {
    expect(withRunMode({}, ['--development']).NODE_ENV).toBe('development');
    expect(withRunMode({ NODE_ENV: 'production' }, ['--development']).NODE_ENV).toBe('production');
  });

  it('so a start with no settings at all is refused for its missing keys', () => {
    expect(() => loadApiConfig(withRunMode({ ACCOUNT_OPS_STORE: 'memory:' }))).toThrow(
      /ACCOUNT_OPS_API_KEYS is required/,
    );
  });
});
