import type { Command } from '@account-ops/accounts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAccountOps, verifyWebhookSignature } from '@account-ops/engine';
import { SqliteEventStore } from '@account-ops/event-store';
import { accountFixtures as fx } from '@account-ops/testing';
import { WebhookReceiver } from '../../../libs/engine/src/webhooks/testing/webhook-receiver';
import { runCli, startCli } from './support/run-cli';

jest.setTimeout(180_000);

const dir = mkdtempSync(join(tmpdir(), 'aos-cli-webhooks-'));
const file = join(dir, 'store.db');
const cli = (...args: string[]) => runCli(file, args);
let receiver: WebhookReceiver;

/** Executes the commands; how many events they appended. */
async function withEngine(commands: readonly Command[]): Promise<number> {
  const store = new SqliteEventStore({ filename: file });
  try {
    const ops = createAccountOps({ store, cardFingerprintSecret: 'cli-webhooks-card-secret' });
    let appended = 0;
    for (const command of commands) {
      appended += (await ops.execute(command, fx.setUpOptions(command))).events.length;
    }
    return appended;
  } finally {
    await store.close();
  }
}

/** Everything a process printed so far, and a promise for the first output matching. */
function collect(stream: NodeJS.ReadableStream) {
  let text = '';
  const waiters: { pattern: RegExp; resolve: () => void }[] = [];
  stream.on('data', (chunk: Buffer) => {
    text += chunk.toString();
    for (const w of waiters.filter((w) => w.pattern.test(text))) w.resolve();
  });
  return {
    text: () => text,
    matching: (pattern: RegExp) =>
      pattern.test(text)
        ? Promise.resolve()
        : new Promise<void>((resolve) => waiters.push({ pattern, resolve })),
  };
}

beforeAll(async () => {
  receiver = await WebhookReceiver.start();
  await withEngine(fx.funded(1_000));
});
afterAll(async () => {
  await receiver.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('account-ops webhooks', () => {
  it('adds an endpoint (secret once), delivers signed events, lists deliveries, refuses private URLs', async () => {
    const added = await cli('webhooks', 'add', receiver.url, '--topics', 'account_frozen');
    expect(added).toMatchObject({ code: 0, stderr: '' });
    const { endpoint, secret } = JSON.parse(added.stdout) as {
      endpoint: { id: string };
      secret: string;
    };
    const listed = await cli('webhooks', 'list');
    expect(listed.stdout).toContain(endpoint.id);
    expect(listed.stdout).not.toContain(secret);

    await withEngine([fx.command('Freeze', { reason: 'manual', note: 'cli check' })]);
    const delivered = await cli('webhooks', 'deliver');
    expect(JSON.parse(delivered.stdout)).toMatchObject({ queued: 1, delivered: 1 });
    const [request] = receiver.received;
    expect(
      verifyWebhookSignature(request!.headers['webhook-signature'] as string, request!.body, [
        secret,
      ]).valid,
    ).toBe(true);

    const deliveries = await cli('webhooks', 'deliveries', endpoint.id, '--json');
    expect(JSON.parse(deliveries.stdout)).toMatchObject([
      { accountId: fx.ACCOUNT_ID, topic: 'account_frozen', status: 'delivered', attempts: 1 },
    ]);

    const refused = await cli('webhooks', 'add', 'https://10.0.0.1/hook', '--topics', '*');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/private/);
    const missing = await cli('webhooks', 'deliveries', 'wh_nope');
    expect(missing.code).toBe(3);
  });

  it('runs as a delivery worker (deliver --watch): owed events arrive, then SIGTERM stops it with exit 0', async () => {
    const worker = await WebhookReceiver.start();
    try {
      const added = await cli('webhooks', 'add', worker.url, '--topics', '*');
      const { endpoint, secret } = JSON.parse(added.stdout) as {
        endpoint: { id: string };
        secret: string;
      };
      // Owed before the worker starts: the account (frozen above) unfrozen and topped up.
      const owed = await withEngine([
        fx.command('Unfreeze', { reason: 'manual', note: 'cli watch' }),
        fx.topUp('watch-1', 100),
        fx.topUp('watch-2', 100),
      ]);
      expect(owed).toBeGreaterThanOrEqual(3);

      const child = startCli(file, ['webhooks', 'deliver', '--watch', '--interval-ms', '100']);
      const stdout = collect(child.stdout);
      const stderr = collect(child.stderr);
      const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
        child.on('exit', (code, signal) => resolve({ code, signal })),
      );
      await worker.acceptedCount(owed);
      await stdout.matching(new RegExp(`delivered ${owed}\\b`));

      // Still running: an event committed now is delivered by a later pass.
      const more = await withEngine([fx.topUp('watch-3', 100)]);
      await worker.acceptedCount(owed + more);

      child.kill('SIGTERM');
      expect(await exited).toEqual({ code: 0, signal: null });
      expect(stdout.text()).toMatch(/stopped after \d+ passes; queued \d+, delivered \d+/);
      expect(stderr.text()).toMatch(/SIGTERM: stopping after the current pass/);
      // Counts only: no secret, no receiver URL, no body in the worker's log.
      const printed = stdout.text() + stderr.text();
      expect(printed).not.toContain(secret);
      expect(printed).not.toContain(worker.url);
      expect(printed).not.toContain('watch-1');

      // Each event once, signed, and acknowledged in the store before the worker exited.
      const ids = worker.accepted().map((r) => r.headers['webhook-id']);
      expect(new Set(ids).size).toBe(owed + more);
      for (const request of worker.accepted()) {
        expect(
          verifyWebhookSignature(request.headers['webhook-signature'] as string, request.body, [
            secret,
          ]).valid,
        ).toBe(true);
      }
      const listed = await cli('webhooks', 'deliveries', endpoint.id, '--json');
      const rows = JSON.parse(listed.stdout) as { status: string }[];
      expect(rows.map((r) => r.status)).toEqual(Array(owed + more).fill('delivered'));
    } finally {
      await worker.close();
    }
  });

  it('refuses --interval-ms without --watch', async () => {
    const run = await cli('webhooks', 'deliver', '--interval-ms', '100');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--watch/);
  });
});
