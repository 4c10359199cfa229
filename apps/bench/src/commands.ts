/**
 * Engine throughput: ACCOUNTS accounts × OPS InitiateTopUp commands by `system`, CONCURRENCY
 * accounts in flight, through the full engine (load, decide, idempotency record, hash
 * chain, append with expected version). Issue 9 extends this into the full bench suite.
 *
 *   npm run bench:commands -- --store sqlite|memory|postgres [--accounts 200] [--ops 25] [--concurrency 8]
 */
import { createAccountOps } from '@account-ops/engine';
import { openBenchStore } from './bench-store';
import { parseArgs } from './parse-args';

const SYSTEM = { id: 'bench-gateway', roles: ['system' as const] };
const OPERATOR = { id: 'bench-operator', roles: ['operator' as const] };

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const kind = args.get('store') ?? 'sqlite';
  const accounts = Number(args.get('accounts') ?? 200);
  const opsPerAccount = Number(args.get('ops') ?? 25);
  const concurrency = Number(args.get('concurrency') ?? 8);
  const { store, dispose } = await openBenchStore(kind);
  const ops = createAccountOps({
    store,
    cardFingerprintSecret: 'bench-only-fingerprint-key',
    notificationSender: { send: async () => undefined },
  });
  const run = Date.now().toString(36);
  const ids = Array.from({ length: accounts }, (_, i) => `bench-${run}-${i}`);
  for (const accountId of ids) {
    await ops.execute({
      type: 'OpenAccount',
      accountId,
      actor: OPERATOR,
      ownerName: 'Bench',
      ownerEmail: 'bench@example.com',
      currency: 'EUR',
    });
  }
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < ids.length) {
        const accountId = ids[next++]!;
        for (let i = 0; i < opsPerAccount; i++) {
          const t0 = performance.now();
          await ops.execute(
            {
              type: 'InitiateTopUp',
              accountId,
              actor: SYSTEM,
              topUpId: `t${i}`,
              amount: 100,
              method: 'bank_transfer',
              paymentReference: `p${i}`,
            },
            { idempotencyKey: `${accountId}-t${i}` },
          );
          latencies.push(performance.now() - t0);
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const pct = (p: number) =>
    Number(latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]!.toFixed(2));
  await dispose();
  console.log(
    JSON.stringify({
      workload: 'commands',
      store: kind,
      accounts,
      ops: opsPerAccount,
      concurrency,
      commandsPerSecond: Math.round(latencies.length / seconds),
      p50Ms: pct(0.5),
      p95Ms: pct(0.95),
      p99Ms: pct(0.99),
      peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
      node: process.version,
    }),
  );
}

void main();
