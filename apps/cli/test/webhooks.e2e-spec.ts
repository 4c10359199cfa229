import type { Command } from '@account-ops/accounts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAccountOps, verifyWebhookSignature } from '@account-ops/engine';
import { SqliteEventStore } from '@account-ops/event-store';
import { accountFixtures as fx } from '@account-ops/testing';
import { WebhookReceiver } from '../../../libs/engine/src/webhooks/testing/webhook-receiver';
import { runCli } from './support/run-cli';

jest.setTimeout(180_000);

const dir = mkdtempSync(join(tmpdir(), 'aos-cli-webhooks-'));
const file = join(dir, 'store.db');
const cli = (...args: string[]) => runCli(file, args);
let receiver: WebhookReceiver;

async function withEngine(commands: readonly Command[]): Promise<void> {
  const store = new SqliteEventStore({ filename: file });
  try {
    const ops = createAccountOps({ store, cardFingerprintSecret: 'cli-webhooks-card-secret' });
    for (const command of commands) await ops.execute(command, fx.setUpOptions(command));
  } finally {
    await store.close();
  }
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
});
