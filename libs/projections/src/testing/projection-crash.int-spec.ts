import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAccountOps } from '@account-ops/engine';
import { SqliteEventStore } from '@account-ops/event-store';
import { FakeClock } from '@account-ops/testing';
import { DEFAULT_PROJECTIONS } from '../default-projections';
import { openReadModels } from '../read-models';
import { dumpTables } from './dump-tables';
import { seedAccounts } from './seed-accounts';

const ROOT = join(__dirname, '../../../..');

/** Runs the catch-up child, which SIGKILLs itself after `batches` batches. */
function runUntilKilled(
  filename: string,
  batches: number,
): Promise<{ signal: string | null; stderr: string }> {
  const child = spawn(
    process.execPath,
    // tsx as a loader, not its CLI: the CLI would run the script in a grandchild.
    ['--import', 'tsx', join(__dirname, 'catch-up-child.ts'), filename, String(batches)],
    { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  return new Promise((resolve, reject) => {
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (_code, signal) => resolve({ signal, stderr }));
  });
}

describe('a projector killed part-way (SQLite)', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'projection-crash-'));
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('resumes after SIGKILL to rows equal to a rebuild from zero, nothing counted twice', async () => {
    const filename = join(dir, 'events.db');
    const store = new SqliteEventStore({ filename });
    const clock = new FakeClock(new Date('2025-03-10T09:00:00.000Z'));
    await seedAccounts(
      createAccountOps({ store, cardFingerprintSecret: 'test-fingerprint-secret', clock }),
      30,
    );
    const head = await store.headPosition();
    await store.close();
    expect(head.commit).toBeGreaterThan(300n);

    for (const batches of [3, 7, 12]) {
      expect(await runUntilKilled(filename, batches)).toEqual({ signal: 'SIGKILL', stderr: '' });
    }

    const reopened = new SqliteEventStore({ filename });
    const models = openReadModels(reopened, { projections: DEFAULT_PROJECTIONS, mode: 'async' });
    await models.backend.init();
    const interrupted = await models.backend.checkpoints();
    expect(interrupted.some((c) => c.position.commit < head.commit)).toBe(true);
    await models.catchUp();
    const resumed = await Promise.all(DEFAULT_PROJECTIONS.map((p) => dumpTables(models.reader, p)));
    const audit = await models.reader.query('SELECT count(*) AS n FROM rm_audit_events');
    expect(Number(audit[0]!['n'])).toBe(Number(head.commit));
    for (const p of DEFAULT_PROJECTIONS) await models.rebuild(p.name);
    const rebuilt = await Promise.all(DEFAULT_PROJECTIONS.map((p) => dumpTables(models.reader, p)));
    expect(resumed).toEqual(rebuilt);
    expect((await models.checkBalances()).ok).toBe(true);
    await reopened.close();
  }, 60_000);
});
