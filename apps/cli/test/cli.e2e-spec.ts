import { createAccountOps } from '@account-ops/engine';
import { SqliteEventStore } from '@account-ops/event-store';
import { accountFixtures as fx } from '@account-ops/testing';
import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './support/run-cli';
import { SECRET, seedStore, type Seeded } from './support/seed-store';
import { corruptBalance, tamperAndReseal, tamperData } from './support/tamper';

const dir = mkdtempSync(join(tmpdir(), 'aos-cli-'));
const seed = join(dir, 'seed.db');
let seeded: Seeded;
let copies = 0;
/**
 * A private copy of the seeded store, for a test that changes it: the database and the
 * development key-encryption key beside it (without it the copy's personal data is unreadable).
 */
const copy = (): string => {
  const file = join(dir, `copy-${++copies}.db`);
  copyFileSync(seed, file);
  copyFileSync(`${seed}.master-key`, `${file}.master-key`);
  return file;
};
const cli = (...args: string[]) => runCli(seed, args);
const PAN = fx.VISA;
// Each subprocess costs about a second (tsx start-up); a test runs a few.
jest.setTimeout(30_000);

beforeAll(async () => {
  seeded = await seedStore(seed);
}, 30_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('account-ops CLI', () => {
  it('lists an account history as a table and as JSON, without personal data or the PAN', async () => {
    const [table, lines, array] = await Promise.all([
      cli('events', 'acc-1'),
      cli('events', 'acc-1', '--jsonl'),
      cli('events', 'acc-1', '--json', '--from-version', '3'),
    ]);
    expect(table).toMatchObject({ code: 0, stderr: '' });
    expect(table.stdout).toMatch(/^VERSION\s+TIME\s+TYPE\s+ACTOR\s+KEY DATA/);
    expect(table.stdout).toMatch(
      /5 {2}\S+ {2}RefundRequested\s+op-1 \(operator\)\s+refund r1 · 4000 CNY/,
    );
    expect(table.stdout).toContain('card ••1111');
    const parsed = lines.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(parsed.map((e) => e.version)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(parsed[0].data.ownerName).toMatch(/^enc:v1:/);
    expect(JSON.parse(array.stdout).map((e: { version: number }) => e.version)).toEqual([
      3, 4, 5, 6, 7,
    ]);
    for (const out of [table.stdout, lines.stdout]) {
      expect(out).not.toContain(PAN);
      expect(out).not.toContain('Li Wei');
    }
  });

  it('replays the state at a version, an instant and the head, as the engine loads it', async () => {
    const [at5, asOf, human] = await Promise.all([
      cli('replay', 'acc-1', '--at-version', '5', '--json'),
      cli(
        'replay',
        'acc-1',
        '--as-of',
        new Date(Date.parse(seeded.times[2]!) + 60_000).toISOString(),
        '--json',
      ),
      cli('replay', 'acc-1'),
    ]);
    expect(at5.code).toBe(0);
    expect(JSON.parse(at5.stdout)).toMatchObject({
      version: 5,
      headVersion: 7,
      state: seeded.stateAt5,
    });
    expect(JSON.parse(asOf.stdout)).toMatchObject({ version: 3, occurredAt: seeded.times[2] });
    expect(human.stdout).toContain('account acc-1 at version 7 of 7');
    expect(human.stdout).toMatch(
      /available\s+6000 CNY\n\s+held\s+4000 CNY\n\s+pendingIn\s+500 CNY/,
    );
    expect(human.stdout).toContain('freeze: FROZEN');
    expect(human.stdout).toMatch(/r1\s+4000 CNY\s+requested \(requested\)\s+0\/1/);
    expect(human.stdout).toContain('Li Wei <li.wei@example.com>');
    expect(human.stdout).not.toContain(PAN);
    expect(seeded.headState.balance).toEqual({ available: 6_000, held: 4_000, pendingIn: 500 });
  });

  it('verifies every chain, and names the stream, version and event of a changed byte', async () => {
    const ok = await cli('verify', '--all');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(
      /^verified 2 streams, 16 events in [\d.]+ s: every hash chain is intact\nMerkle log: none stored yet \(account-ops checkpoint builds it\)\nread-access log: no reads recorded yet\n$/,
    );
    const tampered = copy();
    const eventId = tamperData(tampered, 'account-acc-1', 3);
    const [one, all, inWorkers] = await Promise.all([
      runCli(tampered, ['verify', 'acc-1']),
      runCli(tampered, ['verify', '--all']),
      // Worker threads, each with its own read-only connection, one stream per worker.
      runCli(tampered, ['verify', '--all', '--workers', '2']),
    ]);
    for (const run of [one, all, inWorkers]) {
      expect(run.code).toBe(1);
      expect(run.stdout).toContain(
        `TAMPERED stream account-acc-1 at version 3, event ${eventId}: hash_mismatch`,
      );
    }
    expect(all.stdout).toMatch(/verified 2 streams, \d+ events in .*: 1 broken/);
    const untimed = (out: string) => out.replace(/ in .* s:/, ' in …:');
    expect(untimed(inWorkers.stdout)).toBe(untimed(all.stdout));
  });

  it('saves a digest and re-checks it: appends keep it, any historic rewrite breaks it', async () => {
    const saved = JSON.parse((await cli('digest', '--json')).stdout);
    expect(saved).toMatchObject({ algorithm: 'account-ops-digest-v1', position: '16', events: 16 });
    const check = ['digest', '--check', saved.sha256, '--at-position', '16'];
    const grown = copy();
    const store = new SqliteEventStore({ filename: grown });
    await createAccountOps({ store, cardFingerprintSecret: SECRET }).execute(fx.settle('t2'));
    await store.close();
    const changed = copy();
    tamperData(changed, 'account-acc-2', 3);
    const resealed = copy();
    tamperAndReseal(resealed, 'account-acc-2', 3);
    const [same, afterAppend, tampered, rewritten, fooled] = await Promise.all([
      cli(...check),
      runCli(grown, check),
      runCli(changed, check),
      runCli(resealed, check),
      runCli(resealed, ['verify', '--all']),
    ]);
    expect(same).toMatchObject({
      code: 0,
      stdout: expect.stringContaining('digest matches at position 16'),
    });
    expect(afterAppend.code).toBe(0);
    expect(tampered.code).toBe(1);
    expect(tampered.stdout).toMatch(
      /TAMPERED event .* \(stream account-acc-2, version 3, position 3\)/,
    );
    expect(fooled.code).toBe(0); // the re-sealed chain verifies: only the saved digest catches it
    expect(rewritten.code).toBe(1);
    expect(rewritten.stdout).toContain('DIGEST MISMATCH at position 16');
  });

  it('exports evidence as JSON (personal data readable, or erased after closure) and CSV', async () => {
    const out = join(dir, 'acc-1.json');
    const [json, csv, closed] = await Promise.all([
      cli('export', 'acc-1', '--format', 'json', '--out', out),
      cli('export', 'acc-1', '--format', 'csv'),
      cli('export', 'acc-2', '--format', 'json'),
    ]);
    expect(json).toMatchObject({
      code: 0,
      stdout: `exported 7 events of acc-1 to ${out}; hash chain intact\n`,
    });
    const evidence = JSON.parse(readFileSync(out, 'utf8'));
    expect(evidence.verification).toEqual({ ok: true, checked: 7 });
    expect(evidence.state.balance).toEqual(seeded.headState.balance);
    expect(evidence.events[0].personalData).toEqual({
      ownerName: 'Li Wei',
      ownerEmail: 'li.wei@example.com',
    });
    expect(evidence.events[4]).toMatchObject({ type: 'RefundRequested', actor: { id: 'op-1' } });
    const rows = csv.stdout.trim().split('\r\n');
    expect(rows).toHaveLength(8);
    expect(rows[5]).toMatch(
      /^\d+,5,[^,]+,[^,]+,RefundRequested,op-1,operator,r1,4000,CNY,service_unsatisfactory,/,
    );
    const erased = JSON.parse(closed.stdout);
    expect(erased.events[0].personalData).toEqual({
      ownerName: '[erased]',
      ownerEmail: '[erased]',
    });
    expect(erased.state.status).toBe('closed');
    for (const text of [readFileSync(out, 'utf8'), csv.stdout, closed.stdout])
      expect(text).not.toContain(PAN);
  });

  it('reports projection lag, rebuilds, and fails the balance check on a corrupted row', async () => {
    const file = copy();
    const store = new SqliteEventStore({ filename: file });
    await createAccountOps({ store, cardFingerprintSecret: SECRET }).execute(fx.settle('t2'));
    await store.close();
    const lagging = await runCli(file, ['projections', 'status']);
    expect(lagging.code).toBe(0);
    expect(lagging.stdout).toMatch(
      /NAME\s+VERSION\s+MODE\s+CHECKPOINT\s+HEAD\s+LAG EVENTS\s+LAG SECONDS/,
    );
    expect(lagging.stdout).toMatch(/balance\s+1\s+inline\s+16\s+17\s+1\s+[\d.]+\s+no/);
    const rebuild = await runCli(file, ['projections', 'rebuild']);
    expect(rebuild.code).toBe(0);
    expect(rebuild.stdout).toMatch(
      /rebuilt balance: 17 events in .* \(checkpoint 17\)\nrebuilt audit: 17/,
    );
    const caughtUp = await runCli(file, ['projections', 'status', '--json']);
    expect(JSON.parse(caughtUp.stdout).map((s: { lagEvents: number }) => s.lagEvents)).toEqual([
      0, 0, 0,
    ]);
    expect((await runCli(file, ['projections', 'check'])).code).toBe(0);
    corruptBalance(file, 'acc-1');
    const check = await runCli(file, ['projections', 'check']);
    expect(check.code).toBe(1);
    expect(check.stdout).toMatch(/DIFFERS from the replay in 1 place/);
    expect(check.stdout).toMatch(/acc-1\s+available\s+6501\s+6500/);
  });

  it("lists the refund's approval SLA deadline", async () => {
    const before = new Date(Date.parse(seeded.refundDeadline) - 60_000).toISOString();
    const [all, dueEarly, dueLate] = await Promise.all([
      cli('deadlines', 'list', '--now', before),
      cli('deadlines', 'list', '--due', '--now', before),
      cli('deadlines', 'list', '--due', '--json', '--now', seeded.refundDeadline),
    ]);
    expect(all.stdout).toMatch(
      new RegExp(
        `refund_approval_sla\\s+acc-1\\s+refund r1\\s+${seeded.refundDeadline}\\s+no, due in 1 min 00 s`,
      ),
    );
    expect(dueEarly.stdout).toMatch(/^no pending deadlines/);
    expect(JSON.parse(dueLate.stdout)).toEqual([
      {
        accountId: 'acc-1',
        kind: 'refund_approval_sla',
        key: 'r1',
        dueAt: seeded.refundDeadline,
        overdue: true,
      },
    ]);
  });

  /** The development key the seed was wrapped with (`id:base64`) and its id. */
  const devKey = (file: string) => {
    const entry = readFileSync(`${file}.master-key`, 'utf8')
      .split('\n')
      .find((line) => line !== '' && !line.startsWith('#'))!;
    return { entry, id: entry.split(':')[0]! };
  };

  it('rotates the key-encryption key: status, a rerunnable rewrap, then the old key can go', async () => {
    const file = copy();
    const dev = devKey(file);
    const k2 = `k2:${randomBytes(32).toString('base64')}`;
    const rotating = { ACCOUNT_OPS_MASTER_KEY: `${k2},${dev.entry}` };
    const onlyNew = { ACCOUNT_OPS_MASTER_KEY: k2 };
    const [due, tooEarly] = await Promise.all([
      runCli(file, ['keys', 'status'], rotating),
      runCli(file, ['replay', 'acc-1'], onlyNew),
    ]);
    expect(due.code).toBe(1);
    expect(due.stdout).toContain(`data keys: 1 key ("${dev.id}": 1), 0 in clear`);
    expect(due.stdout).toContain('rewrap due: run `account-ops keys rewrap`');
    expect(tooEarly.code).toBe(6);
    expect(tooEarly.stderr).toBe(
      `error: the data key of account acc-1 cannot be unwrapped: key-encryption key "${dev.id}" ` +
        'is not in ACCOUNT_OPS_MASTER_KEY (it holds "k2"): add it back as an older entry to read ' +
        'the data keys it wrapped\n',
    );
    const rewrap = await runCli(file, ['keys', 'rewrap'], rotating);
    expect(rewrap.code).toBe(0);
    expect(rewrap.stdout).toContain(
      `data keys: 1 key checked, 1 re-wrapped with "k2" (1 from "${dev.id}"), 0 already current`,
    );
    // Run again it changes nothing, so it may run beside readers with the old key gone.
    const [again, done, replay] = await Promise.all([
      runCli(file, ['keys', 'rewrap', '--json'], rotating),
      runCli(file, ['keys', 'status'], onlyNew),
      runCli(file, ['replay', 'acc-1'], onlyNew),
    ]);
    expect(JSON.parse(again.stdout).keys).toEqual({ checked: 1, current: 1, rewrapped: {} });
    expect(done).toMatchObject({ code: 0, stdout: expect.stringContaining('nothing to rewrap') });
    expect(replay.stdout).toContain('Li Wei <li.wei@example.com>');
  });

  it('exits 6 in one line naming the key or variable when the key-encryption key is unusable', async () => {
    const dev = devKey(seed);
    const [wrong, missing, malformed, verify] = await Promise.all([
      runCli(seed, ['replay', 'acc-1'], {
        ACCOUNT_OPS_MASTER_KEY: `${dev.id}:${randomBytes(32).toString('base64')}`,
      }),
      runCli(seed, ['export', 'acc-1', '--format', 'json'], { NODE_ENV: 'production' }),
      runCli(seed, ['keys', 'status'], { ACCOUNT_OPS_MASTER_KEY: 'k1:not-a-key' }),
      // Commands that decrypt nothing need no key at all.
      runCli(seed, ['verify', '--all'], { NODE_ENV: 'production' }),
    ]);
    expect(wrong.code).toBe(6);
    expect(wrong.stderr).toMatch(
      new RegExp(
        `^error: the data key of account acc-1 cannot be unwrapped: key-encryption key "${dev.id}" in ACCOUNT_OPS_MASTER_KEY does not unwrap this data key[^\n]*\n$`,
      ),
    );
    expect(missing).toMatchObject({ code: 6, stdout: '' });
    expect(missing.stderr).toMatch(
      /^error: ACCOUNT_OPS_MASTER_KEY .*or ACCOUNT_OPS_MASTER_KEY_FILE is required when NODE_ENV=production\n$/,
    );
    expect(malformed.code).toBe(6);
    expect(malformed.stderr).toMatch(
      /^error: ACCOUNT_OPS_MASTER_KEY: key "k1" \(entry 1\) must be 32 bytes/,
    );
    expect(malformed.stderr).not.toContain('not-a-key');
    expect(verify.code).toBe(0);
  });

  it('exits 2 on usage errors, 3 on unknown accounts and 4 without a store, in one line', async () => {
    const notDb = join(dir, 'not-a-db.db');
    writeFileSync(notDb, 'hello');
    const runs = await Promise.all([
      ...[
        ['replay', 'acc-1', '--at-version', '0'],
        ['replay', 'acc-1', '--at-version', '2', '--as-of', '2025-03-10T09:00:00Z'],
        ['verify'],
        ['export', 'acc-1', '--format', 'xml'],
        ['digest', '--check', 'a'.repeat(64)],
        ['frobnicate'],
      ].map(async (args) => ({ args, expected: 2, run: await cli(...args) })),
      ...[
        ['events', 'nobody'],
        ['replay', 'acc-1', '--at-version', '99'],
        ['verify', 'nobody'],
      ].map(async (args) => ({ args, expected: 3, run: await cli(...args) })),
      {
        args: ['missing'],
        expected: 4,
        run: await runCli(join(dir, 'missing.db'), ['events', 'acc-1']),
      },
      { args: ['not a db'], expected: 4, run: await runCli(notDb, ['verify', '--all']) },
    ]);
    for (const { args, expected, run } of runs) {
      expect({ args, code: run.code }).toEqual({ args, code: expected });
      expect(run.stderr).toMatch(/^error: [^\n]+\n$/);
      expect(run.stderr).not.toMatch(/\bat .*\.ts:\d+/);
    }
  });
});
