import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiConfigError } from './api-config-error';
import { loadCheckpointConfig } from './checkpoint-config';

const PEM = generateKeyPairSync('ed25519')
  .privateKey.export({ type: 'pkcs8', format: 'pem' })
  .toString();

describe('loadCheckpointConfig', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'aos-ckpt-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const store = () => `sqlite:${join(dir, 'a.db')}`;

  it('refuses production without a key, naming both variables', () => {
    expect(() => loadCheckpointConfig({ NODE_ENV: 'production' }, store())).toThrow(ApiConfigError);
    expect(() => loadCheckpointConfig({ NODE_ENV: 'production' }, store())).toThrow(
      /ACCOUNT_OPS_CHECKPOINT_KEY .*or ACCOUNT_OPS_CHECKPOINT_KEY_FILE is required when NODE_ENV=production/,
    );
  });

  it('refuses a key that is not an Ed25519 PKCS#8 PEM, and a bad schedule', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 })
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString();
    for (const key of ['nope', rsa]) {
      expect(() => loadCheckpointConfig({ ACCOUNT_OPS_CHECKPOINT_KEY: key }, store())).toThrow(
        /ACCOUNT_OPS_CHECKPOINT_KEY is not an Ed25519 PKCS#8 PEM private key/,
      );
    }
    expect(() =>
      loadCheckpointConfig({ ACCOUNT_OPS_CHECKPOINT_EVERY_SECONDS: '0' }, store()),
    ).toThrow(/ACCOUNT_OPS_CHECKPOINT_EVERY_SECONDS must be a positive integer/);
  });

  it('reads the key, origin and schedule; in development defers the key and writes nothing', () => {
    const { options } = loadCheckpointConfig(
      {
        ACCOUNT_OPS_CHECKPOINT_KEY: PEM,
        ACCOUNT_OPS_CHECKPOINT_ORIGIN: 'bank.example/log',
        ACCOUNT_OPS_CHECKPOINT_EVERY_SECONDS: '30',
        ACCOUNT_OPS_CHECKPOINT_EVERY_EVENTS: '500',
        ACCOUNT_OPS_CHECKPOINT_DIR: dir,
      },
      store(),
    );
    expect(options).toMatchObject({ everySeconds: 30, everyEvents: 500, dir });
    expect(options.keyProvider!.signer().name).toBe('bank.example/log');
    const dev = loadCheckpointConfig({}, store());
    expect(dev.options.keyProvider).toBeUndefined();
    expect(dev.notice).toMatch(/ACCOUNT_OPS_CHECKPOINT_KEY is not set/);
    expect(existsSync(join(dir, 'a.db.checkpoint-key.pem'))).toBe(false);
  });
});
