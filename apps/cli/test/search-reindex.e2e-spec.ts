import { createAccountOps } from '@account-ops/engine';
import { SqliteEventStore } from '@account-ops/event-store';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './support/run-cli';
import { SECRET, seedStore } from './support/seed-store';

const dir = mkdtempSync(join(tmpdir(), 'aos-cli-search-'));
const file = join(dir, 'seed.db');
const SEARCH_KEY = 'cli-e2e-search-key-0123456789';
jest.setTimeout(60_000);

beforeAll(() => seedStore(file), 30_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function search(query: string): Promise<readonly string[]> {
  const store = new SqliteEventStore({ filename: file });
  try {
    const ops = createAccountOps({ store, cardFingerprintSecret: SECRET, searchKey: SEARCH_KEY });
    return (await ops.search(query, 20)).accountIds;
  } finally {
    await store.close();
  }
}

describe('account-ops search reindex', () => {
  it('indexes accounts opened before search existed, through the vault; closed ones stay out', async () => {
    // The seeded store was written without a search key: nothing is indexed yet.
    expect(await search('wei')).toEqual([]);
    const env = { ACCOUNT_OPS_SEARCH_KEY: SEARCH_KEY };
    const run = await runCli(file, ['search', 'reindex', '--json'], env);
    expect(run).toMatchObject({ code: 0 });
    // acc-2 was closed: its data key is gone, so only acc-1 is reindexed.
    expect(JSON.parse(run.stdout)).toMatchObject({ accounts: 1 });
    expect(run.stdout + run.stderr).not.toContain('Li Wei');
    expect(await search('wei')).toEqual(['acc-1']);
    expect(await search('li.wei@example.com')).toEqual(['acc-1']);
    expect(await search('r1')).toEqual(['acc-1']);
    const again = await runCli(file, ['search', 'reindex', '--json'], env);
    expect(JSON.parse(again.stdout)).toEqual({ accounts: 1, changedRows: 0 });
  });

  it('refuses a missing key in production and a short one anywhere, naming the variable', async () => {
    const missing = await runCli(file, ['search', 'reindex'], { NODE_ENV: 'production' });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('ACCOUNT_OPS_SEARCH_KEY is required');
    const short = await runCli(file, ['search', 'reindex'], { ACCOUNT_OPS_SEARCH_KEY: 'short' });
    expect(short.code).toBe(2);
    expect(short.stderr).toContain('at least 16 characters');
  });
});
