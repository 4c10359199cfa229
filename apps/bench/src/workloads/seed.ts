import { accountIds, benchEngine, driveTopUps, openAccounts } from '../engine-driver';
import type { BenchContext } from './workload';

/**
 * Gives replay and verify the events the commands workload would have written (ACCOUNTS
 * × OPS top-ups, untimed, without read models) when it did not run.
 */
export async function ensureSeeded(ctx: BenchContext): Promise<void> {
  if (ctx.seeded) return;
  const { options, bench } = ctx;
  const ops = benchEngine(bench.store);
  const accounts = accountIds('seed', options.accounts);
  await openAccounts(ops, accounts, options.concurrency);
  await driveTopUps(ops, {
    accounts,
    opsPerAccount: options.ops,
    concurrency: options.concurrency,
  });
  ctx.seeded = true;
}
