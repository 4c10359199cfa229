import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { PostgresEventStore } from '@account-ops/event-store';
import {
  dropSchema,
  FakeClock,
  freshSchemaName,
  testPgUrl,
  usesPglite,
} from '@account-ops/testing';
import { Pool } from 'pg';
import { accountStreamId } from '../repository/account-stream';
import { testKeyProvider } from '../privacy/testing/test-key-provider';
import { createWebhooks } from './create-webhooks';
import { WebhookReceiver } from './testing/webhook-receiver';

const ROOT = join(__dirname, '../../../..');
const run = usesPglite() ? describe.skip : describe;

run('webhook delivery across a SIGKILL (two processes on PostgreSQL)', () => {
  jest.setTimeout(120_000);
  const url = testPgUrl();
  const schema = freshSchemaName('webhook_crash');
  const admin = new Pool({ connectionString: url, max: 1 });
  let store: PostgresEventStore;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    store = await PostgresEventStore.connect({ connectionString: url, schema });
    receiver = await WebhookReceiver.start();
  });
  afterAll(async () => {
    await receiver.close();
    await store.close();
    await dropSchema(admin, schema);
    await admin.end();
  });

  it('re-delivers, from another process, what a killed process had claimed but not acknowledged', async () => {
    const clock = new FakeClock(new Date());
    const webhooks = await createWebhooks({
      store,
      keyProvider: testKeyProvider(),
      clock,
      settings: { development: true, timeoutMs: 20_000, leaseMs: 60_000 },
    });
    const { endpoint } = await webhooks.endpoints.register({ url: receiver.url, topics: ['*'] });
    const appended = await store.appendToStream(
      accountStreamId('acc-crash'),
      [
        {
          type: 'FreezeApplied',
          data: { reason: 'manual', note: null, trigger: 'Freeze', at: clock.now().toISOString() },
          metadata: { actor: { id: 'tester', roles: ['admin'] } },
        },
      ],
      { expectedVersion: 'no_stream' },
    );
    receiver.next('hang');

    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(__dirname, 'testing/deliver-once.ts')],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          PG_URL: url,
          WEBHOOK_SCHEMA: schema,
          TSX_TSCONFIG_PATH: join(ROOT, 'tsconfig.json'),
        },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on('exit', (_code, signal) => resolve(signal)),
    );
    // The child claimed the delivery and its request is in flight at the receiver: kill it.
    while (receiver.received.length === 0) await new Promise((resolve) => setImmediate(resolve));
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');

    // Leased to the dead process: not ours to send yet…
    expect((await webhooks.dispatcher.runDue()).delivered).toBe(0);
    const [owed] = await webhooks.endpoints.deliveries(endpoint.id);
    expect(owed).toMatchObject({ status: 'pending', attempts: 0 });
    // …until its lease (20 minutes in the child's settings) has run out.
    clock.advance(21 * 60_000);
    expect((await webhooks.dispatcher.runDue()).delivered).toBe(1);
    expect(receiver.accepted().map((r) => r.headers['webhook-id'])).toEqual([
      appended.events[0]!.eventId,
    ]);
    const [done] = await webhooks.endpoints.deliveries(endpoint.id);
    expect(done).toMatchObject({ status: 'delivered', attempts: 1 });
  });
});
