import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { ACCESS_COLLECTION, AccessLog, SqliteEventStore, seqKey } from '@account-ops/event-store';
import { runCli } from './support/run-cli';

/**
 * `account-ops access-log` and `verify --access-log` on a SQLite store whose read-access
 * log holds the records the API writes (written here through the same AccessLog).
 */
const dir = mkdtempSync(join(tmpdir(), 'aos-access-'));
let copies = 0;
jest.setTimeout(60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function storeWithReads(): Promise<string> {
  const file = join(dir, `store-${++copies}.db`);
  const store = new SqliteEventStore({ filename: file });
  let time = Date.parse('2026-03-02T09:00:00.000Z');
  const log = new AccessLog(store, { now: () => new Date(time) });
  for (const [actor, accountId, what] of [
    ['au-1', 'acc-1', 'getAccount'],
    ['au-1', 'acc-2', 'exportAccount'],
    ['op-1', 'acc-1', 'stateAt'],
  ] as const) {
    await log.record([{ actor, accountId, what, requestId: `req-${what}` }]);
    time += 3_600_000;
  }
  await store.close();
  return file;
}

function sql(file: string, statement: string, ...params: string[]): void {
  const db = new Database(file);
  db.prepare(statement).run(...params);
  db.close();
}

describe('account-ops access-log', () => {
  let store: string;
  beforeAll(async () => {
    store = await storeWithReads();
  });

  it('lists who read which account, when, with the same filters as GET /audit/access', async () => {
    const all = await runCli(store, ['access-log']);
    expect(all).toMatchObject({ code: 0, stderr: '' });
    expect(all.stdout).toMatch(/^SEQ\s+AT\s+ACTOR\s+ACCOUNT\s+WHAT\s+REQUEST ID/);
    expect(all.stdout).toMatch(
      /1 {2}2026-03-02T09:00:00.000Z {2}au-1\s+acc-1\s+getAccount\s+req-getAccount/,
    );
    expect(all.stdout).toMatch(/3 reads\n$/);
    const [byAccount, byActor, window, limited] = await Promise.all([
      runCli(store, ['access-log', '--account-id', 'acc-1', '--json']),
      runCli(store, ['access-log', '--actor', 'op-1', '--json']),
      runCli(store, [
        'access-log',
        '--from',
        '2026-03-02T10:00:00Z',
        '--to',
        '2026-03-02T11:00:00Z',
        '--json',
      ]),
      runCli(store, ['access-log', '--limit', '2', '--json']),
    ]);
    const seqs = (run: { stdout: string }) =>
      (JSON.parse(run.stdout) as Array<{ seq: number }>).map((r) => r.seq);
    expect(seqs(byAccount)).toEqual([1, 3]);
    expect(seqs(byActor)).toEqual([3]);
    expect(seqs(window)).toEqual([2]);
    expect(seqs(limited)).toEqual([1, 2]);
    expect(JSON.parse(byActor.stdout)[0]).toMatchObject({
      actor: 'op-1',
      accountId: 'acc-1',
      what: 'stateAt',
      requestId: 'req-stateAt',
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    const bad = await runCli(store, ['access-log', '--from', 'yesterday']);
    expect(bad.code).toBe(2);
  });

  it('verify --access-log and verify --all report the chain intact', async () => {
    const [only, all] = await Promise.all([
      runCli(store, ['verify', '--access-log']),
      runCli(store, ['verify', '--all']),
    ]);
    expect(only).toMatchObject({
      code: 0,
      stdout: 'read-access log: all 3 records chain intact\n',
    });
    expect(all.code).toBe(0);
    expect(all.stdout).toContain('read-access log: all 3 records chain intact');
    expect((await runCli(store, ['verify', '--all', '--access-log'])).code).toBe(2);
  });

  it('verify names a deleted record and an altered one, exit 1', async () => {
    const deleted = await storeWithReads();
    sql(
      deleted,
      'DELETE FROM records WHERE collection = ? AND key = ?',
      ACCESS_COLLECTION,
      seqKey(2),
    );
    const altered = await storeWithReads();
    sql(
      altered,
      `UPDATE records SET value = json_set(value, '$.actor', 'someone-else') WHERE collection = ? AND key = ?`,
      ACCESS_COLLECTION,
      seqKey(1),
    );
    const [gone, changed, viaAll] = await Promise.all([
      runCli(deleted, ['verify', '--access-log']),
      runCli(altered, ['verify', '--access-log']),
      runCli(deleted, ['verify', '--all']),
    ]);
    expect(gone).toMatchObject({
      code: 1,
      stdout: 'TAMPERED read-access log at record 2: missing (deleted)\n',
    });
    expect(changed).toMatchObject({
      code: 1,
      stdout:
        'TAMPERED read-access log at record 1: its hash does not match its content (altered)\n',
    });
    expect(viaAll.code).toBe(1);
    expect(viaAll.stdout).toContain('TAMPERED read-access log at record 2');
  });
});
