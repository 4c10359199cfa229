import {
  DATA_KEY_COLLECTION,
  dataKeyContext,
  dataKeyValue,
  LocalKeyProvider,
  rewrapDataKeys,
} from '@account-ops/engine';
import type { RecordWrite } from '@account-ops/event-store';
import { randomBytes } from 'node:crypto';
import { openBenchStore } from '../bench-store';
import { perSecond } from '../stats';
import type { BenchContext, Measured } from './workload';

/** Data keys per account of the run (`--accounts`): a store's worth of keys to rotate. */
const KEYS_PER_ACCOUNT = 100;
const WRITE_BATCH = 500;

/**
 * Key-encryption key rotation, `account-ops keys rewrap`: ACCOUNTS × 100 data keys wrapped
 * with one KEK in a store of their own, re-wrapped with a new one (unwrap, wrap, an update
 * per key, 200 keys a transaction); then the rerun, which pages through and finds every
 * key current. Writing the keys is not timed.
 */
export async function runRewrap(ctx: BenchContext): Promise<Measured> {
  const bench = await openBenchStore(ctx.options.store, ctx.options.pgUrl, 'rewrap');
  try {
    const old = { id: 'bench-old', key: randomBytes(32) };
    const count = ctx.options.accounts * KEYS_PER_ACCOUNT;
    await writeKeys(bench.store, new LocalKeyProvider([old]), count);
    const rotated = new LocalKeyProvider([{ id: 'bench-new', key: randomBytes(32) }, old]);
    let started = performance.now();
    const first = await rewrapDataKeys(bench.store, rotated);
    const rewrapMs = performance.now() - started;
    started = performance.now();
    const rerun = await rewrapDataKeys(bench.store, rotated);
    const rerunMs = performance.now() - started;
    if (first.keys.rewrapped['bench-old'] !== count || rerun.keys.current !== count) {
      throw new Error(
        `rewrap moved ${JSON.stringify(first.keys)}, rerun ${JSON.stringify(rerun.keys)}`,
      );
    }
    return {
      workload: 'rewrap',
      store: ctx.bench.kind,
      keys: count,
      keysPerSecond: perSecond(count, rewrapMs),
      rerunKeysPerSecond: perSecond(count, rerunMs),
    };
  } finally {
    await bench.dispose();
  }
}

async function writeKeys(
  store: { writeRecords(writes: readonly RecordWrite[]): Promise<void> },
  keys: LocalKeyProvider,
  count: number,
): Promise<void> {
  for (let from = 0; from < count; from += WRITE_BATCH) {
    const ids = Array.from(
      { length: Math.min(WRITE_BATCH, count - from) },
      (_, i) => `rewrap-${String(from + i).padStart(9, '0')}`,
    );
    const writes = await Promise.all(
      ids.map(async (id): Promise<RecordWrite> => ({
        op: 'insert',
        collection: DATA_KEY_COLLECTION,
        key: id,
        value: dataKeyValue(await keys.wrap(randomBytes(32), dataKeyContext(id))),
        confidential: true,
      })),
    );
    await store.writeRecords(writes);
  }
}
