/**
 * Raw event-store append throughput: COUNT single-event appends to distinct streams,
 * CONCURRENCY in flight, through the port (validation, hash chain, expected version).
 *
 *   npm run bench:appends -- --store sqlite|memory|postgres [--count 5000] [--concurrency 16]
 */
import { parseArgs } from 'node:util';
import { openBenchStore } from './bench-store';
import { STORES, type StoreKind } from './options';

async function main(): Promise<void> {
  const { values } = parseArgs({
    strict: true,
    options: {
      store: { type: 'string', default: 'sqlite' },
      count: { type: 'string', default: '5000' },
      concurrency: { type: 'string', default: '16' },
    },
  });
  const kind = values.store as StoreKind;
  const count = Number(values.count);
  const concurrency = Number(values.concurrency);
  if (!STORES.includes(kind)) throw new Error(`--store must be one of ${STORES.join(', ')}`);
  if (!(
    Number.isSafeInteger(count) &&
    count > 0 &&
    Number.isSafeInteger(concurrency) &&
    concurrency > 0
  )) {
    throw new Error('--count and --concurrency must be positive integers');
  }
  const { store, dispose } = await openBenchStore(kind, process.env.PG_URL, 'appends');
  let next = 0;
  const run = `${Date.now()}`;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const i = next++;
        await store.appendToStream(
          `bench-${run}-${i}`,
          [
            {
              type: 'Appended',
              data: { i },
              metadata: { actor: { id: 'bench', roles: ['system'] } },
            },
          ],
          {
            expectedVersion: 'no_stream',
          },
        );
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await dispose();
  console.log(
    JSON.stringify({
      workload: 'appends',
      store: kind,
      count,
      concurrency,
      appendsPerSecond: Math.round(count / seconds),
      node: process.version,
    }),
  );
}

main().catch((error: unknown) => {
  console.error(`bench:appends: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
