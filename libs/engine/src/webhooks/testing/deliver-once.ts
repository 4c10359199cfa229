/**
 * A separate process for the crash test: opens the PostgreSQL store named by PG_URL and
 * WEBHOOK_SCHEMA and runs one delivery pass (the test kills it with SIGKILL mid-delivery).
 */
import { PostgresEventStore } from '@account-ops/event-store';
import { testKeyProvider } from '../../privacy/testing/test-key-provider';
import { createWebhooks } from '../create-webhooks';

async function main(): Promise<void> {
  const store = await PostgresEventStore.connect({
    connectionString: process.env.PG_URL!,
    schema: process.env.WEBHOOK_SCHEMA!,
  });
  const webhooks = await createWebhooks({
    store,
    keyProvider: testKeyProvider(),
    settings: { development: true, timeoutMs: 600_000, leaseMs: 1_200_000 },
  });
  process.stdout.write('claiming\n');
  await webhooks.dispatcher.runDue();
  await store.close();
}

void main();
