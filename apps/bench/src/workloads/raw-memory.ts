import { runPool } from '../worker-pool';
import { RAW_GENESIS, rawCommand, rawStreamId, type RawTip } from './raw-command';
import type { RawRun, RawTiming } from './raw';

/**
 * The raw baseline for the memory store: the same steps on plain Maps and an array (tip
 * lookup, hash, event, tip, idempotency record), CONCURRENCY async workers as for the
 * engine. It shows what the engine costs in CPU alone.
 */
export async function rawMemory(run: RawRun): Promise<RawTiming> {
  const tips = new Map<string, RawTip>();
  const events: unknown[] = [];
  const records = new Map<string, string>();
  const command = (accountId: string, op: number): void => {
    const streamId = rawStreamId(accountId);
    const w = rawCommand(accountId, op, tips.get(streamId) ?? RAW_GENESIS);
    events.push(w);
    tips.set(streamId, { version: w.version, hash: w.hash });
    if (op >= 0) {
      if (records.has(w.recordKey)) throw new Error(`duplicate record ${w.recordKey}`);
      records.set(w.recordKey, w.recordValue);
    }
  };
  run.accounts.forEach((a) => command(a, -1));
  const latencies = new Float64Array(run.accounts.length * run.ops);
  let done = 0;
  const started = performance.now();
  await runPool(run.concurrency, run.accounts.length, async (i) => {
    for (let op = 0; op < run.ops; op++) {
      const t0 = performance.now();
      command(run.accounts[i]!, op);
      // The memory store answers through a promise too.
      await Promise.resolve();
      latencies[done++] = performance.now() - t0;
    }
  });
  return { latencies, elapsedMs: performance.now() - started };
}
