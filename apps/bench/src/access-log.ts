/**
 * The read-access log (issue 24): what recording each read of personal data costs reads.
 *
 *   npx tsx --tsconfig tsconfig.json apps/bench/src/access-log.ts --store sqlite|postgres
 *     [--accounts 200] [--reads 4000] [--concurrency 1,16] [--rounds 3] [--processes 3]
 *
 * A read is what GET /accounts/:id does in the engine: load the account (snapshot and
 * events, personal data decrypted). Rounds alternate: READS reads without the log, then
 * READS reads each followed by its access record (as the API's interceptor does, before
 * the response leaves), CONCURRENCY reads in flight. The median of the rounds is reported,
 * with the slowdown. Then, on PostgreSQL, PROCESSES stores (each its own pool, as API
 * processes) recording at once into one chain: records per second and retried writes.
 */
import { parseArgs } from 'node:util';
import { AccessLog, PostgresEventStore } from '@account-ops/event-store';
import { openBenchStore } from './bench-store';
import { accountIds, benchEngine, openAccounts } from './engine-driver';
import type { StoreKind } from './options';
import { median } from './stats';
import { runPool } from './worker-pool';

const seconds = (start: bigint): number => Number(process.hrtime.bigint() - start) / 1e9;

async function readRates(
  kind: StoreKind,
  accounts: number,
  reads: number,
  concurrency: number,
  rounds: number,
) {
  const { store, dispose } = await openBenchStore(kind, process.env.PG_URL, 'accesslog');
  try {
    const ops = benchEngine(store);
    const ids = accountIds('read', accounts);
    await openAccounts(ops, ids, 8);
    const log = new AccessLog(store);
    const round = async (logged: boolean) => {
      const started = process.hrtime.bigint();
      await runPool(concurrency, reads, async (i) => {
        const accountId = ids[i % ids.length]!;
        await ops.load(accountId);
        if (logged) {
          await log.record([
            { actor: 'bench-auditor', accountId, what: 'getAccount', requestId: `r-${i}` },
          ]);
        }
      });
      return reads / seconds(started);
    };
    await round(false); // warm-up: snapshots, caches, JIT
    const plain: number[] = [];
    const logged: number[] = [];
    for (let r = 0; r < rounds; r++) {
      plain.push(await round(false));
      logged.push(await round(true));
    }
    const check = await log.check();
    if (!check.ok) throw new Error(`access log broken: ${JSON.stringify(check.firstBad)}`);
    const without = median(plain);
    const withLog = median(logged);
    return {
      workload: 'access-log-reads',
      store: kind,
      concurrency,
      reads,
      readsPerSecondWithout: Math.round(without),
      readsPerSecondWith: Math.round(withLog),
      slowdown: +(without / withLog).toFixed(2),
      addedMsPerRead: +((1000 / withLog - 1000 / without) * concurrency).toFixed(3),
      recordsChecked: check.checked,
    };
  } finally {
    await dispose();
  }
}

/** PROCESSES stores on one PostgreSQL schema appending to the one chain at once. */
async function sharedChain(processes: number, records: number) {
  const url = process.env.PG_URL;
  if (!url) throw new Error('--processes needs PG_URL');
  const first = await openBenchStore('postgres', url, 'accesschain');
  const stores = [
    first.store,
    ...(await Promise.all(
      Array.from({ length: processes - 1 }, () =>
        PostgresEventStore.connect({ connectionString: url, schema: first.schema! }),
      ),
    )),
  ];
  try {
    const logs = stores.map((store) => new AccessLog(store));
    const started = process.hrtime.bigint();
    await Promise.all(
      logs.map((log, p) =>
        runPool(16, records, async (i) => {
          await log.record([{ actor: `p${p}`, accountId: `acc-${i}`, what: 'getAccount' }]);
        }),
      ),
    );
    const elapsed = seconds(started);
    const check = await logs[0]!.check();
    if (!check.ok) throw new Error(`access log forked or broken: ${JSON.stringify(check)}`);
    return {
      workload: 'access-log-shared-chain',
      processes,
      records: processes * records,
      recordsPerSecond: Math.round((processes * records) / elapsed),
      retriedWrites: logs.reduce((n, log) => n + log.conflicts, 0),
      chainIntact: check.ok && check.checked === processes * records,
    };
  } finally {
    await Promise.all(stores.slice(1).map((store) => store.close()));
    await first.dispose();
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    strict: true,
    options: {
      store: { type: 'string', default: 'sqlite' },
      accounts: { type: 'string', default: '200' },
      reads: { type: 'string', default: '4000' },
      concurrency: { type: 'string', default: '1,16' },
      rounds: { type: 'string', default: '3' },
      processes: { type: 'string', default: '3' },
    },
  });
  const kind = values.store as StoreKind;
  for (const concurrency of values.concurrency.split(',').map(Number)) {
    const result = await readRates(
      kind,
      Number(values.accounts),
      Number(values.reads),
      concurrency,
      Number(values.rounds),
    );
    console.log(JSON.stringify(result));
  }
  if (kind === 'postgres' && Number(values.processes) > 1) {
    console.log(
      JSON.stringify(await sharedChain(Number(values.processes), Number(values.reads) / 4)),
    );
  }
}

main().catch((error: unknown) => {
  console.error('bench failed:', error);
  process.exitCode = 1;
});
