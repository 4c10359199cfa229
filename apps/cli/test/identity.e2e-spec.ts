import { StepUpLockout } from '@account-ops/engine';
import { SqliteEventStore } from '@account-ops/event-store';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiKeyRing, parseApiKeys } from '../../api/src/auth/api-keys';
import { runCli } from './support/run-cli';

jest.setTimeout(60_000);

const dir = mkdtempSync(join(tmpdir(), 'aos-cli-identity-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('account-ops CLI: identity', () => {
  it('api-keys generate prints a key once and the hashed entry the API accepts', async () => {
    const run = await runCli(undefined, [
      'api-keys',
      'generate',
      '--actor',
      'psp-1',
      '--role',
      'payment_gateway',
      '--expires',
      '2027-06-30T00:00:00Z',
    ]);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    const key = /^ {2}(aos_\S+)$/m.exec(run.stdout)![1]!;
    const line = /^ {2}(sha256:\S+)$/m.exec(run.stdout)![1]!;
    expect(line).toMatch(/=psp-1:payment_gateway@2027-06-30T00:00:00.000Z$/);
    expect(line).not.toContain(key);
    const ring = new ApiKeyRing(parseApiKeys(line), () => Date.parse('2027-01-01T00:00:00Z'));
    expect(ring.find(key)).toEqual({ id: 'psp-1', roles: ['payment_gateway'] });
  });

  it('api-keys generate refuses an unknown role (exit 2)', async () => {
    const run = await runCli(undefined, ['api-keys', 'generate', '--actor', 'x', '--role', 'root']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/unknown role "root"/);
  });

  it('step-up unlock lifts a lockout recorded in the store', async () => {
    const file = join(dir, 'lockout.db');
    const store = new SqliteEventStore({ filename: file });
    const lockout = new StepUpLockout(store, { maxFailures: 3, windowMinutes: 15 });
    const now = new Date();
    for (let i = 0; i < 3; i++) await lockout.recordFailure('op-7', now);
    expect((await lockout.status('op-7', now)).lockedUntil).not.toBeNull();
    await store.close();

    const run = await runCli(file, ['step-up', 'unlock', 'op-7', '--json']);
    expect(run).toMatchObject({ code: 0 });
    expect(JSON.parse(run.stdout)).toEqual({ actorId: 'op-7', lifted: true, failuresCleared: 3 });

    const reopened = new SqliteEventStore({ filename: file });
    expect(await new StepUpLockout(reopened).status('op-7', new Date())).toEqual({
      failures: 0,
      lockedUntil: null,
    });
    await reopened.close();
    expect((await runCli(file, ['step-up', 'unlock', 'bad id'])).code).toBe(2);
  });
});
