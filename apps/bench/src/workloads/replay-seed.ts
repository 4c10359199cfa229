import { accountIds, benchEngine, openAccounts } from '../engine-driver';
import type { BenchStore } from '../bench-store';
import { runPool } from '../worker-pool';
import { fillStream } from './long-stream-events';

/** Events per seeded account: its opening and 49 top-up events. */
const PER_ACCOUNT = 50;

/**
 * Seeds `count` events for `replay --replay-events`: accounts opened through the engine
 * (as many as 50 events each need), then each account's top-ups initiated and settled
 * (the engine's shapes, one append per account, 8 in flight) straight to the store, which
 * for a million events is minutes faster than deciding them one command at a time.
 */
export async function seedReplay(bench: BenchStore, count: number): Promise<void> {
  const accounts = accountIds('replay', Math.ceil(count / PER_ACCOUNT));
  await openAccounts(benchEngine(bench.store), accounts, 16);
  const start = new Date();
  await runPool(8, accounts.length, async (a) => {
    const events = Math.min(PER_ACCOUNT, count - a * PER_ACCOUNT) - 1;
    if (events > 0) await fillStream(bench.store, accounts[a]!, 'top-up', events, start);
  });
}
