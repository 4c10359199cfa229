/**
 * Raw event-store append throughput: COUNT single-event appends to distinct streams,
 * CONCURRENCY in flight, through the port (validation, hash chain, expected version).
 *
 *   npm run bench:appends -- --store sqlite|memory|postgres [--count 5000] [--concurrency 16]
 */
import { openBenchStore } from './bench-store';
import { parseArgs } from './parse-args';

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const kind = args.get('store') ?? 'sqlite';
  const count = Number(args.get('count') ?? 5000);
  const concurrency = Number(args.get('concurrency') ?? 16);
  const { store, dispose } = await openBenchStore(kind);
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

void main();
