import { EVENT_SCHEMA_VERSIONS } from '@account-ops/accounts';
import { accountStreamId } from '@account-ops/engine';
import type { JsonValue, NewEvent, TransactionalEventStore } from '@account-ops/event-store';
import { SYSTEM } from '../engine-driver';
import { runPool } from '../worker-pool';
import { longStreamEvent } from './long-stream-events';

/** Events per seeded stream (one append each): 10,000 streams for a million events. */
const PER_STREAM = 100;

/**
 * Seeds `count` events for verification straight through the store (hash-chained by it,
 * as every append is): streams of 100 top-up events (initiated and settled, the engine's
 * shapes and metadata), 16 appends in flight.
 */
export async function seedChains(store: TransactionalEventStore, count: number): Promise<void> {
  const streams = Math.ceil(count / PER_STREAM);
  const run = Date.now().toString(36);
  const start = Date.now();
  await runPool(16, streams, async (s) => {
    const size = Math.min(PER_STREAM, count - s * PER_STREAM);
    const events: NewEvent[] = [];
    for (let i = 0; i < size; i++) {
      const at = new Date(start + i * 1000).toISOString();
      const event = longStreamEvent('top-up', i, at);
      events.push({
        type: event.type,
        schemaVersion: EVENT_SCHEMA_VERSIONS[event.type],
        data: event.data as unknown as JsonValue,
        metadata: {
          actor: SYSTEM,
          occurredAt: at,
          idempotencyKey: `seed-${s}-${i}`,
        },
      });
    }
    await store.appendToStream(accountStreamId(`verify-${run}-${s}`), events, {
      expectedVersion: 'no_stream',
    });
  });
}
