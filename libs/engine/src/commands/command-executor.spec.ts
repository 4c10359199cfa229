import { MemoryEventStore, SqliteEventStore, WrongExpectedVersion } from '@account-ops/event-store';
import { accountFixtures as fx } from '@account-ops/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAccountOps } from '../create-account-ops';
import { accountStreamId } from '../repository/account-stream';
import { commandExecutorScenarios, type StoreHandle } from './command-executor.scenarios';
import { idempotencyScenarios } from '../idempotency/idempotency.scenarios';
import { ConcurrencyConflict } from './engine-errors';
import { testKeyProvider } from '../privacy/testing/test-key-provider';

// The engines below see one store through wrappers: they share its key-encryption key.
const keyProvider = testKeyProvider();

async function openMemory(): Promise<StoreHandle> {
  const store = new MemoryEventStore();
  return { store, dispose: () => store.close() };
}

async function openSqlite(): Promise<StoreHandle> {
  const dir = mkdtempSync(join(tmpdir(), 'aos-engine-'));
  const store = new SqliteEventStore({ filename: join(dir, 'events.db') });
  return {
    store,
    async dispose() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

for (const [name, open] of [
  ['memory', openMemory],
  ['sqlite', openSqlite],
] as const) {
  commandExecutorScenarios(name, open);
  idempotencyScenarios(name, open);
}

describe('command executor retries', () => {
  it('gives up with ConcurrencyConflict when every attempt loses the race', async () => {
    const inner = new MemoryEventStore();
    const ops = createAccountOps({
      store: inner,
      cardFingerprintSecret: 'x'.repeat(16),
      keyProvider,
    });
    await ops.execute(fx.open());
    // A real competing writer that always commits just before our append.
    const contested = Object.create(inner) as MemoryEventStore;
    contested.appendToStream = async (streamId, events, options) => {
      await inner.appendToStream(
        streamId,
        [{ type: 'Competitor', data: {}, metadata: { actor: fx.SYSTEM } }],
        {
          expectedVersion: 'any',
        },
      );
      return inner.appendToStream(streamId, events, options);
    };
    let waits = 0;
    const losing = createAccountOps({
      store: contested,
      cardFingerprintSecret: 'x'.repeat(16),
      keyProvider,
      retry: { maxAttempts: 3, backoff: async () => void waits++ },
    });
    const attempt = losing.execute(fx.card(), fx.HOST_VERIFIED);
    await expect(attempt).rejects.toBeInstanceOf(ConcurrencyConflict);
    await expect(attempt).rejects.toMatchObject({ code: 'VERSION_CONFLICT', attempts: 3 });
    expect(waits).toBe(2);
    const types = (await inner.readStream(accountStreamId(fx.ACCOUNT_ID))).map((e) => e.type);
    expect(types.filter((t) => t === 'BankCardChanged')).toHaveLength(0);
  });

  it('reloads from the store after a refused append instead of trusting its cached state', async () => {
    const inner = new MemoryEventStore();
    const ops = createAccountOps({
      store: inner,
      cardFingerprintSecret: 'x'.repeat(16),
      keyProvider,
    });
    await ops.execute(fx.open());
    const reads: (number | undefined)[] = [];
    let refuse = true;
    const store = Object.create(inner) as MemoryEventStore;
    store.readStream = (streamId, options) => {
      reads.push(options?.fromVersion);
      return inner.readStream(streamId, options);
    };
    store.appendToStream = async (streamId, events, options) => {
      if (refuse) {
        refuse = false;
        throw new WrongExpectedVersion(streamId, options.expectedVersion, 7);
      }
      return inner.appendToStream(streamId, events, options);
    };
    const engine = createAccountOps({
      store,
      cardFingerprintSecret: 'x'.repeat(16),
      keyProvider,
      retry: { maxAttempts: 3, backoff: async () => undefined },
    });
    await engine.load(fx.ACCOUNT_ID); // cached at version 1
    reads.length = 0;
    await engine.execute(fx.card(), fx.HOST_VERIFIED);
    // The first attempt decides on the cached state without reading; the retry reads the
    // stream from its first event.
    expect(reads).toEqual([1]);
  });
});

describe('command executor and an unreadable idempotency ledger', () => {
  it('reports the ledger’s error, not a refusal, when a keyed retry cannot be looked up', async () => {
    const inner = new MemoryEventStore();
    const store = Object.create(inner) as MemoryEventStore;
    let ledgerDown = false;
    store.getRecord = async (collection, key) => {
      if (ledgerDown && collection === 'idempotency') throw new Error('records table unreachable');
      return inner.getRecord(collection, key);
    };
    const ops = createAccountOps({ store, cardFingerprintSecret: 'x'.repeat(16), keyProvider });
    await ops.execute(fx.open(), { idempotencyKey: 'open-1' });
    ledgerDown = true;
    // The retry is refused on the state (the account exists), but the key may name the
    // original success: a refusal would be a wrong answer, the ledger's error is the truth.
    await expect(ops.execute(fx.open(), { idempotencyKey: 'open-1' })).rejects.toThrow(
      'records table unreachable',
    );
    ledgerDown = false;
    const retried = await ops.execute(fx.open(), { idempotencyKey: 'open-1' });
    expect([retried.replayed, retried.version]).toEqual([true, 1]);
  });
});
