import { MemoryEventStore, SqliteEventStore } from '@account-ops/event-store';
import { accountFixtures as fx } from '@account-ops/testing';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAccountOps } from '../create-account-ops';
import { defaultKeyProvider } from './default-key-provider';
import { MasterKeyConfigError } from './key-provider';
import { developmentKeyPlace, masterKeyFromEnvironment } from './master-key-source';

describe('the default key-encryption key', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'aos-kek-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('is refused missing in production: createAccountOps throws, naming the variable', () => {
    const build = () => defaultKeyProvider(new MemoryEventStore(), { NODE_ENV: 'production' });
    expect(build).toThrow(MasterKeyConfigError);
    expect(build).toThrow(/ACCOUNT_OPS_MASTER_KEY .* is required when NODE_ENV=production/);
  });

  it('lives beside a SQLite file, in memory for memory stores, under data/ for server stores', () => {
    const file = join(dir, 'a.db');
    const sqlite = new SqliteEventStore({ filename: file });
    const memory = new MemoryEventStore();
    expect(developmentKeyPlace(sqlite)).toEqual({ kind: 'file', path: `${file}.master-key` });
    expect(developmentKeyPlace({ kind: 'sqlite', filename: file })).toEqual(
      developmentKeyPlace(sqlite),
    );
    expect(developmentKeyPlace(memory)).toEqual({ kind: 'memory', store: memory });
    expect(developmentKeyPlace({ kind: 'sqlite', filename: ':memory:' })).toMatchObject({
      kind: 'memory',
    });
    expect(developmentKeyPlace({ kind: 'postgres', connectionString: 'postgres://db' })).toEqual({
      kind: 'file',
      path: 'data/account-ops.master-key',
    });
    void sqlite.close();
  });

  it('generated in development keeps a SQLite store readable after a restart', async () => {
    const file = join(dir, 'dev.db');
    const first = new SqliteEventStore({ filename: file });
    await createAccountOps({ store: first, cardFingerprintSecret: 'x'.repeat(16) }).execute(
      fx.open(),
    );
    await first.close();
    expect(readFileSync(`${file}.master-key`, 'utf8')).toMatch(/DEVELOPMENT key-encryption key/);
    const again = new SqliteEventStore({ filename: file });
    const ops = createAccountOps({ store: again, cardFingerprintSecret: 'x'.repeat(16) });
    expect((await ops.load(fx.ACCOUNT_ID)).state.owner?.name).toBe('Li Wei');
    await again.close();
  });

  it('for a tool that must not generate one: usable until a key is needed, then a clear error', async () => {
    const setup = masterKeyFromEnvironment({
      env: {},
      developmentKey: { kind: 'file', path: join(dir, 'absent.master-key') },
      generate: false,
    });
    await expect(setup.provider.currentKeyId()).rejects.toThrow(
      /ACCOUNT_OPS_MASTER_KEY is not set, and there is no .*absent\.master-key: set ACCOUNT_OPS_MASTER_KEY/,
    );
  });

  it('warns about a key file other users can read', () => {
    const path = join(dir, 'kek');
    writeFileSync(path, `k1:${Buffer.alloc(32, 1).toString('base64')}\n`);
    chmodSync(path, 0o644);
    const setup = masterKeyFromEnvironment({
      env: { ACCOUNT_OPS_MASTER_KEY_FILE: path },
      developmentKey: { kind: 'memory' },
      generate: true,
    });
    expect(setup.notice).toMatch(/readable by other users: chmod 600/);
  });
});
