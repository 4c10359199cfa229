/**
 * The delivery worker of `npm run bench:webhooks`, mode "dispatcher in its own process":
 * the loop of `account-ops webhooks deliver --watch` (the same function, the same
 * dispatcher) on the bench's store, which the CLI cannot name (a fresh PostgreSQL schema).
 * Prints `ready` once it runs and, after SIGTERM has let it finish its pass, its totals
 * as one JSON line. Not meant to be run by hand.
 *
 * Environment: BENCH_WEBHOOK_STORE (JSON: `{kind:'sqlite',filename}` or
 * `{kind:'postgres',connectionString,schema}`), BENCH_WEBHOOK_KEY (base64, the bench's
 * key-encryption key: the signing secrets are wrapped with it), BENCH_WEBHOOK_INTERVAL_MS.
 */
import { createWebhooks, LocalKeyProvider } from '@account-ops/engine';
import {
  openEventStore,
  PostgresEventStore,
  type TransactionalEventStore,
  type VerifySource,
} from '@account-ops/event-store';
import { watchDeliveries } from '../../cli/src/commands/webhooks-watch';

async function openStore(source: VerifySource): Promise<TransactionalEventStore> {
  if (source.kind === 'postgres') {
    return PostgresEventStore.connect({
      connectionString: source.connectionString,
      ...(source.schema ? { schema: source.schema } : {}),
      listen: false,
    });
  }
  return openEventStore(`sqlite:${source.filename}`);
}

async function main(): Promise<void> {
  const stop = new AbortController();
  process.once('SIGTERM', () => stop.abort());
  const store = await openStore(JSON.parse(process.env.BENCH_WEBHOOK_STORE!) as VerifySource);
  try {
    const key = Buffer.from(process.env.BENCH_WEBHOOK_KEY!, 'base64');
    const webhooks = await createWebhooks({
      store,
      keyProvider: new LocalKeyProvider([{ id: 'bench', key }], 'bench'),
      settings: { development: true },
    });
    console.log('ready');
    const totals = await watchDeliveries(webhooks.dispatcher, {
      intervalMs: Number(process.env.BENCH_WEBHOOK_INTERVAL_MS ?? 1000),
      signal: stop.signal,
      log: () => undefined,
      warn: (line) => console.error(line),
    });
    console.log(JSON.stringify(totals));
  } finally {
    await store.close();
  }
}

main().catch((error: unknown) => {
  console.error('webhook worker failed:', error);
  process.exitCode = 1;
});
